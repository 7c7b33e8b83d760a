#!/bin/sh
# Regenerates src-gen/ (and completes model/hostdeck.genmodel) from model/hostdeck.ecore with
# EMF's code generator, run headless from Maven Central jars. Hand-written code is in src/.
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/../../mvnw" -B -q -f "$HERE/generator/pom.xml" compile exec:java
