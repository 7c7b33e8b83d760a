#!/bin/sh
# Issue 27's figures: the `hostdeck` command line as whole processes against virsh on the same
# libvirt test hosts (20 and 2,000 domains), medians of five, all in one run:
#   releng/benchmarks/run-cli-benchmark.sh
# Needs a built product (it builds one when missing) and libvirt-clients (virsh). About 3 minutes.
HERE="$(cd "$(dirname "$0")" && pwd)"
exec "$HERE/run-java-benchmark.sh" CliBenchmark "$HERE/../org.hostdeck.product/target/products/hostdeck/linux/gtk/x86_64/hostdeck"
