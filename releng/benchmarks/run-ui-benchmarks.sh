#!/bin/sh
# Issue 4's navigator and responsiveness figures in the real workbench under Xvfb, HostDeck and
# its peer from the same run:   releng/benchmarks/run-ui-benchmarks.sh
# Builds what it needs; the figures are printed in the Maven log (and in
# releng/benchmarks/org.hostdeck.benchmarks.ui/target/surefire-reports/).
set -e
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
exec xvfb-run -a -s "-screen 0 1280x1024x24" ./mvnw -B verify -Dhostdeck.benchmarks=true \
  -Dtest='*Benchmark' -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false
