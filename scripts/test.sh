#!/usr/bin/env bash
# Runs every test of Rondo: installs what the tests need when it is missing, then runs
# the whole workspace's tests (unit, integration, property, benchmark-set validation)
# and the package test (the .deb built, checked, unpacked and started).
# Usage: scripts/test.sh            (CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "rondo test: $*" >&2; }

if ! command -v cargo >/dev/null 2>&1; then
  say "cargo is missing: install Rust (https://rustup.rs) and run this again"
  exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
  say "installing python3 (the benchmark checker needs it)"
  bash scripts/apt-install.sh python3
fi

if [ ! -d ../shared ]; then
  say "../shared is not beside this checkout: tests that need it say they were skipped (under CI=true they fail)"
fi

# The desktop app's build libraries and its end-to-end tools (Xvfb, WebKitWebDriver,
# tauri-driver): installed only when missing, so this is quick once done.
bash scripts/setup-tauri.sh --e2e

# iCalendar checkers (ical.js, python icalendar, libical, khal) for the ical agreement and
# export tests: installed outside the repo, idempotent (0.4 s when already set up).
if [ -d ../shared/ics/checkers ]; then
  bash ../shared/ics/checkers/setup.sh || say "some iCalendar checkers could not be set up (see above)"
fi

# Real servers the tests start themselves (Radicale for CalDAV), pinned in a venv under
# the cache folder: idempotent, well under a second once installed.
bash scripts/test-servers.sh || say "the CalDAV test server could not be installed (see above): its tests say SKIPPED (under CI=true they fail)"
# The SMTP server the mail tests start on a loopback port (aiosmtpd, pinned, in Rondo's
# test venv): installed only when missing.
bash scripts/test-smtp.sh

# A clean clone (CI) gains nothing from incremental caches, which were half of the build
# folder (7 of 16 GB after a day of builds): leave them out there so the build fits a
# small disk.
if [ "${CI:-}" = true ]; then
  export CARGO_INCREMENTAL=0
fi

status=0
cargo test --workspace --locked --no-fail-fast || status=$?

# The core's API documentation: every intra-doc link resolves and none points at a
# private item (22 had rotted unseen; about 40 s from a clean clone on 2 cores).
RUSTDOCFLAGS="-D warnings" cargo doc -p rondo --no-deps --locked --quiet || status=$?

# The installable packages: the debug build above bundled into a .deb and an .rpm by the
# Tauri bundler (its npm command line, installed once), checked with dpkg-deb, rpm and
# apt-get --simulate, unpacked and started under Xvfb (scripts/test-package.sh).
bash scripts/test-package.sh || status=$?
exit "$status"
