#!/bin/sh
# Issue 8's performance figures: live migration with HostDeck and with `virsh migrate --live`
# (same flags) between two real QEMU hosts on loopback, from the same run:
#   sudo releng/benchmarks/run-migration-benchmark.sh
# Needs root (the hosts run as uid 65534), libvirt-daemon, libvirt-daemon-driver-qemu,
# qemu-system-x86, qemu-utils and libvirt-clients. About a minute.
exec "$(cd "$(dirname "$0")" && pwd)/run-java-benchmark.sh" MigrationBenchmark
