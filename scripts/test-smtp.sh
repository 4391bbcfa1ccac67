#!/usr/bin/env bash
# Installs the SMTP server the mail tests start themselves (aiosmtpd, pinned in
# scripts/requirements-smtp.txt) into Rondo's test venv:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/rondo/venv   (or $RONDO_TEST_VENV when set)
# the same venv the CalDAV tests' Radicale goes into; only this script's own packages are
# installed here, so the two never undo each other. Idempotent and quick once done (a
# stamp per requirements file).
# Usage: scripts/test-smtp.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv="${RONDO_TEST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/rondo/venv}"
req=scripts/requirements-smtp.txt

if ! command -v python3 >/dev/null 2>&1; then
  bash scripts/apt-install.sh python3
fi
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  bash scripts/apt-install.sh python3-venv
fi
if [ ! -x "$venv/bin/python3" ]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
fi
stamp="$venv/.stamp-smtp-$(sha256sum "$req" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "rondo test: installing the test SMTP server (aiosmtpd) into $venv" >&2
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$req"
  "$venv/bin/python3" -c 'import aiosmtpd.smtp'
  touch "$stamp"
fi
