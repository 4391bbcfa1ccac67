#!/usr/bin/env bash
# Installs what the desktop app needs to build and what its end-to-end tests need to run,
# only where it is missing (quick when everything is there already):
#   - the Debian/Ubuntu libraries Tauri 2 links against (WebKitGTK 4.1, GTK 3, ...);
#   - with --e2e, also a headless display (Xvfb), WebKit's WebDriver, tauri-driver and a
#     D-Bus daemon (each window gets a session bus for its single-instance lock).
# Usage: scripts/setup-tauri.sh [--e2e]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "rondo setup: $*" >&2; }

build_pkgs=(build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev
  libgtk-3-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
e2e_pkgs=(xvfb xauth webkit2gtk-driver dbus)

pkgs=("${build_pkgs[@]}")
if [ "${1:-}" = "--e2e" ]; then pkgs+=("${e2e_pkgs[@]}"); fi
bash scripts/apt-install.sh "${pkgs[@]}"

if [ "${1:-}" = "--e2e" ]; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$cargo_bin/tauri-driver" ]; then
    say "installing tauri-driver (the WebDriver proxy the end-to-end tests drive the window through)"
    # Its own target dir, outside the workspace's, so it never invalidates the app build.
    cargo install tauri-driver --locked --version "^2"
  fi
fi
