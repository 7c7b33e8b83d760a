#!/bin/sh
# Issue 7's performance figures: exporting a 1 GiB volume of realistic content out of a real
# QEMU host with HostDeck, against zstd -3 -T0 and gzip -6 on the same bytes, and importing it
# against zstd -d, all in the same run:
#   sudo releng/benchmarks/run-export-benchmark.sh
# Needs root (the host runs as uid 65534), libvirt-daemon, libvirt-daemon-driver-qemu,
# qemu-system-x86, qemu-utils, libvirt-clients, zstd and gzip. About two minutes.
exec "$(cd "$(dirname "$0")" && pwd)/run-java-benchmark.sh" ExportBenchmark
