#!/bin/sh
# Issue 3's performance figures, HostDeck and its peer (virsh) from the same run:
#   releng/benchmarks/run-inventory-benchmark.sh
# Needs libvirt-clients (virsh).
exec "$(cd "$(dirname "$0")" && pwd)/run-java-benchmark.sh" InventoryBenchmark
