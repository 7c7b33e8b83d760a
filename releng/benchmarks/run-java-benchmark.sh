#!/bin/sh
# Runs one of the plain-Java benchmarks in src/ (a class of org.hostdeck.benchmarks) on a class
# path made of the product's bundles:  releng/benchmarks/run-java-benchmark.sh InventoryBenchmark [args]
# Needs a built tree (it runs `./mvnw -DskipTests verify` when the product is missing).
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$HERE/../.."
PLUGINS="$ROOT/releng/org.hostdeck.product/target/products/hostdeck/linux/gtk/x86_64/hostdeck/plugins"
SUPPORT=$(ls "$ROOT"/bundles/org.hostdeck.tests.support/target/org.hostdeck.tests.support-*.jar 2>/dev/null | head -n 1)
if [ ! -d "$PLUGINS" ] || [ -z "$SUPPORT" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests verify)
  SUPPORT=$(ls "$ROOT"/bundles/org.hostdeck.tests.support/target/org.hostdeck.tests.support-*.jar | head -n 1)
fi
# SWT only for benchmarks that show a window (BENCHMARK_UI=1)
if [ -n "$BENCHMARK_UI" ]; then SKIP=launcher; else SKIP='swt\|launcher'; fi
CP="$SUPPORT:$(ls "$PLUGINS"/*.jar | grep -v -e "$SKIP" | tr '\n' ':')"
# the test support's QEMU fixture names opentest4j's TestAbortedException (JUnit's, not in the product)
OPENTEST4J=$(ls "$HOME"/.m2/repository/org/opentest4j/opentest4j/*/opentest4j-*.jar 2>/dev/null | tail -n 1)
CP="$CP${OPENTEST4J:+:$OPENTEST4J}"
OUT="$HERE/target/classes"
rm -rf "$OUT" && mkdir -p "$OUT"
CLASS="$1"
shift
# the benchmark and what it uses only: one without a window compiles without SWT
javac -nowarn -d "$OUT" -cp "$CP" -sourcepath "$HERE/src" "$HERE/src/org/hostdeck/benchmarks/$CLASS.java"
exec java -Xmx2g -cp "$OUT:$CP" "org.hostdeck.benchmarks.$CLASS" "$@"
