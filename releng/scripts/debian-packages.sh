# Sourced by ./run-hostdeck and ./run-tests (with HOSTDECK_ROOT set to the checkout): installs the Debian packages a group needs
# (releng/debian-packages: "run", or "test" which includes "run") when some are missing.
#   ensure_packages run|test WHO
# Says once which are missing, then installs them (as root, or through sudo); without either,
# prints the apt-get line to run and exits 2. Not on Debian (no dpkg): assumes a prepared machine.

packages_of() {
  awk -v group="$1" '!/^#/ && NF >= 2 && ($1 == "run" || $1 == group) { print $2 }' \
    "$HOSTDECK_ROOT/releng/debian-packages" | tr '\n' ' '
}

ensure_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  missing=""
  for p in $(packages_of "$1"); do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != "installed" ]; then
      missing="$missing $p"
    fi
  done
  [ -z "$missing" ] && return 0
  echo "$2: installing the Debian packages it needs:$missing" >&2
  if [ "$(id -u)" = 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo"
  else
    echo "$2: as root, run: apt-get install -y --no-install-recommends$missing" >&2
    exit 2
  fi
  # packages must not start system services (libvirtd, sshd): HostDeck's tests start their own
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $as_root tee /usr/sbin/policy-rc.d >/dev/null
    $as_root chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
  status=$?
  [ -n "$made_policy" ] && $as_root rm -f /usr/sbin/policy-rc.d
  if [ $status != 0 ]; then
    echo "$2: apt-get could not install:$missing" >&2
    exit 2
  fi
}
