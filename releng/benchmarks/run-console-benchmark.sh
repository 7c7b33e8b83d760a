#!/bin/sh
# Issue 23's console figures: HostDeck's console and gvncviewer on the same drawing guest, taking
# turns (key -> screen latency, dropped keys, screen updates per second, the viewer's CPU):
#   sudo xvfb-run -a -s "-screen 0 1280x1024x24" releng/benchmarks/run-console-benchmark.sh
# Needs root (the host runs as uid 65534), libvirt-daemon, libvirt-daemon-driver-qemu,
# qemu-system-x86, libgtk-vnc-2.0-0 and gvncviewer. About two minutes.
BENCHMARK_UI=1 exec "$(cd "$(dirname "$0")" && pwd)/run-java-benchmark.sh" ConsoleBenchmark
