#!/usr/bin/env bash
# Builds and launches Rondo's desktop app on Debian/Ubuntu with Rust installed, installing
# the system packages Tauri needs when they are missing.
# Usage: scripts/run.sh [--debug]     (release build by default: slower to build, faster app)
# The app keeps its data in the platform's data folder; RONDO_DATA_DIR=DIR picks another.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "rondo run: cargo is missing: install Rust (https://rustup.rs) and run this again" >&2
  exit 1
fi
bash scripts/setup-tauri.sh

profile=(--release)
[ "${1:-}" = "--debug" ] && profile=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "rondo run: no display found (DISPLAY / WAYLAND_DISPLAY are unset): run this in a desktop session" >&2
  exit 1
fi
exec cargo run --locked -p rondo-app "${profile[@]}"
