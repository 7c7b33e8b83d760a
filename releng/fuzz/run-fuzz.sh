#!/bin/sh
# Coverage-guided fuzzing (Jazzer, on libFuzzer) of what HostDeck reads from files a user hands it:
# export folders (manifest, vm.xml, streams) and their journals, OVA packages (tar, OVF, stream
# VMDK), measurement CSV, and exported hypervisor definitions through the import's allow-list.
#   releng/fuzz/run-fuzz.sh [seconds per target] [target ...]
# The reactor's verify runs it with -Dfuzz (module releng/fuzz; -Dfuzz.seconds=N, default 0; ./run-tests gives 20).
# Each target first replays its corpus (releng/fuzz/corpus/<Target>: the seeds and every input
# that once found a problem), then fuzzes for the given time (default 30 s; 0: replay only).
# New inputs go to target/fuzz/corpus (not into the repository); a finding is written to
# target/fuzz/findings/<Target>/ and fails the run: add it to the corpus once it is fixed.
# Needs a built tree (./mvnw verify, or it runs ./mvnw -DskipTests verify).
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
EACH="${1:-30}"
[ $# -gt 0 ] && shift
TARGETS="${*:-ExportFuzzer JournalFuzzer OvaFuzzer OvfFuzzer StreamVmdkFuzzer CsvFuzzer DomainFuzzer}"
PLUGINS="$ROOT/releng/org.hostdeck.product/target/products/hostdeck/linux/gtk/x86_64/hostdeck/plugins"
if [ ! -d "$PLUGINS" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests verify)
fi
WORK="$ROOT/releng/fuzz/target"
mkdir -p "$WORK"
# the reactor's verify writes Jazzer's class path (maven-dependency-plugin); run alone, Maven is asked for it
if [ ! -s "$WORK/jazzer.classpath" ]; then
  REPO="$HOME/.m2/repository/com/code-intelligence"
  for a in jazzer jazzer-api; do
    [ -f "$REPO/$a/0.24.0/$a-0.24.0.jar" ] || "$ROOT/mvnw" -B -q dependency:get -Dartifact=com.code-intelligence:$a:0.24.0 >/dev/null
  done
  echo "$REPO/jazzer/0.24.0/jazzer-0.24.0.jar:$REPO/jazzer-api/0.24.0/jazzer-api-0.24.0.jar" > "$WORK/jazzer.classpath"
fi
CP="$(ls "$PLUGINS"/*.jar | grep -v -e swt -e launcher | tr '\n' ':')"
CP="$CP$(cat "$WORK/jazzer.classpath")"
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes"
javac -nowarn -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
if [ -n "$HOSTDECK_FUZZ_SEEDS" ]; then
  exec java -cp "$WORK/classes:$CP" org.hostdeck.fuzz.Seeds "$HERE/corpus"
fi
failed=""
for target in $TARGETS; do
  class=$(cd "$HERE/src" && find . -name "$target.java" | sed 's|^\./||; s|\.java$||; s|/|.|g')
  mkdir -p "$WORK/fuzz/corpus/$target" "$WORK/fuzz/findings/$target"
  echo "== $target: the corpus replayed, then ${EACH} s of fuzzing"
  # -rss_limit_mb: an input must not make HostDeck hold more than what it reads; -timeout: nor hang
  if ! java -Xmx1g -cp "$WORK/classes:$CP" com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --instrumentation_includes='org.hostdeck.**:org.apache.commons.compress.**:org.apache.commons.csv.**' \
      --reproducer_path="$WORK/fuzz/findings/$target" \
      -artifact_prefix="$WORK/fuzz/findings/$target/" -rss_limit_mb=1536 -timeout=20 -max_total_time="$EACH" \
      $( [ "$EACH" = 0 ] && echo -runs=0 ) \
      "$WORK/fuzz/corpus/$target" "$HERE/corpus/$target" > "$WORK/fuzz/$target.log" 2>&1; then
    failed="$failed $target"
    echo "   FINDING: see $WORK/fuzz/$target.log and $WORK/fuzz/findings/$target/"
    grep -m 12 -E '^(== Java Exception|	at org\.hostdeck|Caused by|==[0-9]+== ERROR)' "$WORK/fuzz/$target.log" | sed 's/^/   /' || true
  else
    grep -E '^#[0-9]+.*DONE|^Done [0-9]+ runs' "$WORK/fuzz/$target.log" | tail -n 1 | sed 's/^/   /'
  fi
done
if [ -n "$failed" ]; then
  echo "Fuzzing found problems in:$failed"
  exit 1
fi
echo "Fuzzing: no findings"
