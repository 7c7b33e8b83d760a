#!/bin/bash
# CI in a pristine root: a fresh Debian 12 made by debootstrap, the checkout's committed files
# copied in, and the README's two commands run inside it with chroot, so that a package this
# machine happens to have can never hide a missing install step:
#   1. ./run-hostdeck   installs what it needs, builds the product and opens the workbench on the
#                       demo (under Xvfb); the HostDeck window is waited for and a screenshot kept
#                       (target/pristine/workbench.xwd, then the tools for that are removed again)
#   2. ./run-tests      installs what the tests need and runs every test
# Needs root and debootstrap. Every mount and process it starts is ended on the way out, also when
# a step fails. Minutes per phase are printed as it goes.
#   releng/scripts/pristine-root.sh [ROOT-DIR]
set -euo pipefail
CHECKOUT=$(cd "$(dirname "$0")/../.." && pwd)
ROOT=${1:-/var/tmp/hostdeck-pristine}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
OUT="$CHECKOUT/target/pristine"
START=$(date +%s)
LAST=$START

phase() {
  local now
  now=$(date +%s)
  echo "== $(date -u +%H:%M:%S) (+$(( (now - LAST) / 60 )) min $(( (now - LAST) % 60 )) s, $(( (now - START) / 60 )) min in all) $*"
  LAST=$now
}

# Ends every process whose root is the pristine root, then unmounts everything below it.
cleanup() {
  local p pids tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    pids=""
    for p in /proc/[0-9]*; do
      if [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ]; then
        pids="$pids ${p#/proc/}"
      fi
    done
    [ -z "$pids" ] && break
    kill -9 $pids 2>/dev/null || true
    sleep 1
  done
  { grep -o " $ROOT[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done
}

# The PIDs of processes in the root whose command line matches PATTERN (minbase has no pgrep).
in_root() {
  local p
  for p in /proc/[0-9]*; do
    if [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -q -- "$1"; then
      echo "${p#/proc/}"
    fi
  done
}

inside() {
  chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb \
    /bin/bash -c "cd /root/hostdeck && $1"
}

trap 'status=$?; cleanup; phase "ended (exit $status)"; exit $status' EXIT

if [ -e "$ROOT" ]; then
  cleanup
  rm -rf --one-file-system "$ROOT"
fi
mkdir -p "$OUT"

phase "debootstrap: Debian 12 (minbase) into $ROOT"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" > "$OUT/debootstrap.log" 2>&1 \
  || { tail -20 "$OUT/debootstrap.log"; exit 1; }
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount --rbind /dev "$ROOT/dev"
mount --make-rslave "$ROOT/dev"
mount -t tmpfs tmpfs "$ROOT/tmp"
mount -t tmpfs tmpfs "$ROOT/run"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
cp /etc/hosts "$ROOT/etc/hosts"
# the network's own certificate authorities (an HTTPS proxy's), trusted in the root as on this
# machine: ca-certificates, once installed there, takes them into the system's and Java's trust
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$ROOT/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/"
fi

phase "the checkout's committed files into the root"
mkdir -p "$ROOT/root/hostdeck"
git -C "$CHECKOUT" archive HEAD | tar -x -C "$ROOT/root/hostdeck"

phase "1. ./run-hostdeck (installs, builds the product, opens the workbench on the demo)"
inside './run-hostdeck > /root/run-hostdeck.log 2>&1 &'
# the workbench is up once its Java runs the product and Xvfb holds a window titled HostDeck;
# the window is found with xwininfo, installed only now and removed again before the tests
waited=0
until [ -n "$(in_root products/hostdeck/linux)" ] && [ -n "$(in_root Xvfb)" ]; do
  sleep 5
  waited=$((waited + 5))
  if [ $waited -gt 1800 ]; then
    echo "no HostDeck process after 30 minutes:"; tail -30 "$ROOT/root/run-hostdeck.log"; exit 1
  fi
  if [ -z "$(in_root run-hostdeck)" ] && [ -z "$(in_root products/hostdeck/linux)" ]; then
    echo "./run-hostdeck ended:"; tail -30 "$ROOT/root/run-hostdeck.log"; exit 1
  fi
done
phase "the workbench runs; looking for its window"
inside 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends x11-utils x11-apps > /root/x11.log 2>&1'
# xvfb-run's Xvfb admits only who shows its cookie: its display and -auth file are read from its
# command line
xvfb=$(in_root Xvfb | head -n 1)
display=$(tr '\0' '\n' < "/proc/$xvfb/cmdline" | grep "^:" | head -n 1)
auth=$(tr '\0' '\n' < "/proc/$xvfb/cmdline" | grep -A1 -x -- "-auth" | tail -n 1)
x="DISPLAY=$display XAUTHORITY=$auth"
waited=0
until inside "$x xwininfo -root -tree 2>/dev/null | grep -q '\"HostDeck'"; do
  sleep 2
  waited=$((waited + 2))
  if [ $waited -gt 300 ]; then
    echo "no HostDeck window after 5 minutes:"; tail -30 "$ROOT/root/run-hostdeck.log"
    inside "$x xwininfo -root -tree" 2>&1 | head -30; exit 1
  fi
done
sleep 10 # its first paint
inside "$x xwd -root -silent > /root/workbench.xwd"
cp "$ROOT/root/workbench.xwd" "$ROOT/root/run-hostdeck.log" "$OUT/"
kill $(in_root products/hostdeck/linux) $(in_root Xvfb) 2>/dev/null || true
inside 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q --autoremove x11-utils x11-apps > /root/x11-removed.log 2>&1'
phase "the HostDeck window opened (screenshot: $OUT/workbench.xwd)"

phase "2. ./run-tests (installs what the tests need, runs every test)"
set +e
inside './run-tests' 2>&1 | tee "$OUT/run-tests.log"
status=${PIPESTATUS[0]}
set -e
grep -E "Tests run: [0-9]+, Failures" "$OUT/run-tests.log" | grep -v " -- in " || true
phase "./run-tests exited $status"
exit "$status"
