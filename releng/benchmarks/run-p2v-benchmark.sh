#!/bin/sh
# Issue 9's performance figure: P2V of a 1 GiB disk over a loopback sshd into a real QEMU host
# against `ssh host 'cat disk' | zstd -3 -T0 > file` through the same sshd, in the same run:
#   sudo releng/benchmarks/run-p2v-benchmark.sh
# Needs root (loop device, sshd, the host runs as uid 65534), libvirt-daemon,
# libvirt-daemon-driver-qemu, qemu-system-x86, qemu-utils, libvirt-clients, openssh-server and
# openssh-client, zstd. About two minutes.
exec "$(cd "$(dirname "$0")" && pwd)/run-java-benchmark.sh" P2vBenchmark
