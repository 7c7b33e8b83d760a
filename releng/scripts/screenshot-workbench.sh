#!/bin/sh
# Starts HostDeck through ./run-hostdeck under its own Xvfb, waits for the window titled
# HostDeck, saves a screenshot and stops HostDeck. For looking at the product as a user would.
#   releng/scripts/screenshot-workbench.sh OUT.png [hostdeck arguments...]
# Needs xvfb, x11-utils (xwininfo) and imagemagick (import).
set -e
OUT="$1"; shift
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DATA="$(mktemp -d)"
LOG="${OUT%.png}.log"
xvfb-run -a -s "-screen 0 1280x900x24" sh -c '
  root=$0; data=$1; log=$2; out=$3; shift 3
  "$root"/run-hostdeck -data "$data" "$@" > "$log" 2>&1 &
  pid=$!
  i=0
  until xwininfo -root -tree 2>/dev/null | grep -q "\"HostDeck"; do
    i=$((i + 1)); [ $i -gt 600 ] && { echo "no HostDeck window after 10 minutes" >&2; kill $pid; exit 1; }
    kill -0 $pid 2>/dev/null || { echo "HostDeck exited; see $log" >&2; exit 1; }
    sleep 1
  done
  sleep 12   # let the first paint finish
  import -window root "$out"
  kill $pid; wait $pid || true
' "$ROOT" "$DATA" "$LOG" "$OUT" "$@"
[ -f "$DATA/.metadata/.log" ] && cp "$DATA/.metadata/.log" "${OUT%.png}.eclipse.log"
rm -rf "$DATA"
echo "saved $OUT (HostDeck output in $LOG)"
