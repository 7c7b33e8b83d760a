#!/bin/sh
# Issue 5's placement figures: HostDeck's engine against Timefold Solver (from Maven Central, run
# outside OSGi) on the same cloud-balancing instances with the same time budgets, a lower bound,
# and a 1,000-host / 10,000-VM plan with star ratings:
#   releng/benchmarks/run-placement-benchmark.sh            (about 4 minutes)
#   sizes=100x300 budgets=5 releng/benchmarks/run-placement-benchmark.sh   (a quick look)
# The engine's sources are compiled as they are (they need no OSGi); Maven only fetches Timefold.
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$HERE/../.."
OUT="$HERE/placement/target"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -B -q -f releng/benchmarks/placement/pom.xml dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt")
CP="$(cat "$OUT/classpath.txt")"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
javac -nowarn -d "$OUT/classes" -cp "$CP" \
  $(find "$ROOT/bundles/org.hostdeck.placement/src" -name '*.java' -not -path '*/extensions/*' -not -path '*/inventory/*') \
  "$HERE"/placement/src/org/hostdeck/benchmarks/placement/*.java
exec java -Xmx4g -XX:+UseParallelGC -cp "$OUT/classes:$CP" \
  -Dsizes="${sizes:-100x300,400x1200,1600x4800}" -Dbudgets="${budgets:-5,30}" \
  org.hostdeck.benchmarks.placement.PlacementBenchmark
