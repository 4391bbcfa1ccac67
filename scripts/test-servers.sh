#!/usr/bin/env bash
# Installs the real servers the tests start (pinned releases from PyPI) into one virtual
# environment under the user's cache folder, idempotently: a second run that finds every
# pinned version installed does nothing (well under a second).
#
#   ${XDG_CACHE_HOME:-$HOME/.cache}/rondo/venv/bin/radicale     CalDAV (tests/caldav/)
#
# The tests find the venv at the same path (or at RONDO_TEST_VENV when set).
# To add a server, add its pinned requirement to PACKAGES below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "rondo test servers: $*" >&2; }

# One requirement per line, pinned: the tests are written against these releases.
PACKAGES=(
  "radicale==3.9.0"   # CalDAV server for tests/caldav/ and benches/caldav_sync.rs
)

VENV="${RONDO_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/rondo/venv}"
STAMP="$VENV/.rondo-packages"
WANTED="$(printf '%s\n' "${PACKAGES[@]}")"

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANTED" ]; then
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  say "installing python3"
  bash scripts/apt-install.sh python3
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  say "installing python3-venv (Debian splits venv and ensurepip out of python3)"
  bash scripts/apt-install.sh python3-venv
fi

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the virtual environment $VENV"
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV"
fi

say "installing ${PACKAGES[*]} into $VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}"
printf '%s\n' "$WANTED" >"$STAMP"
