#!/usr/bin/env bash
# Builds Rondo's installable packages: a .deb and an .rpm of the desktop app, made by the
# Tauri bundler from src-tauri/tauri.conf.json, with the `rondo` command line beside the
# app (/usr/bin/rondo), its desktop entry (Office, opens .ics files) and its icons from
# 16 to 512 pixels (src-tauri/icons, drawn from icon.svg). Nothing is downloaded but the
# Tauri command line itself (tauri-cli from crates.io, installed once when missing); the
# bundling runs offline. No AppImage: its tools (linuxdeploy) come from GitHub.
#
# Usage: scripts/package.sh [--debug] [--bundler tauri|dpkg-deb]
#   (nothing)            the release packages, what people install
#   --debug              the same of the debug build (quick after `cargo test`)
#   --bundler dpkg-deb   only the .deb, laid out as the Tauri bundler does but made with
#                        dpkg-deb (scripts/deb-from-build.py): no tauri-cli to install,
#                        for the package test on a fresh machine
# Output: target/package/rondo_<version>_<arch>.deb (and rondo-<version>-1.<arch>.rpm)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The Tauri command line that bundles: the newest 2.x (the tauri crate in Cargo.lock is 2.x).
TAURI_CLI_VERSION=2.12.4

say() { echo "rondo package: $*" >&2; }
now() { date +%s; }

profile=release
bundler=tauri
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --bundler)
      bundler="${2:-}"; shift
      case "$bundler" in tauri|dpkg-deb) ;; *) say "--bundler takes tauri or dpkg-deb, not '$bundler'"; exit 2 ;; esac ;;
    *) say "unknown option $1 (use --debug, --bundler tauri|dpkg-deb)"; exit 2 ;;
  esac
  shift
done

if ! command -v cargo >/dev/null 2>&1; then
  say "cargo is missing: install Rust (https://rustup.rs) and run this again"
  exit 1
fi
bash scripts/setup-tauri.sh
bash scripts/apt-install.sh dpkg-dev python3 >/dev/null

meta() { cargo metadata --format-version 1 --no-deps --offline | python3 -c "import json,sys; m=json.load(sys.stdin); print($1)"; }
target_dir="$(meta 'm["target_directory"]')"
version="$(meta 'next(p["version"] for p in m["packages"] if p["name"] == "rondo-app")')"
arch="$(dpkg --print-architecture)"
out="$target_dir/package"
mkdir -p "$out"
rm -f "$out"/rondo_*.deb "$out"/rondo-*.rpm
release=(--release)
[ "$profile" = debug ] && release=()

t0=$(now)
if [ "$bundler" = tauri ]; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if ! "$cargo_bin/cargo-tauri" --version 2>/dev/null | grep -qx "tauri-cli $TAURI_CLI_VERSION"; then
    say "installing tauri-cli $TAURI_CLI_VERSION from crates.io (once; it builds about 600 crates)"
    # Built in a folder of its own, outside the workspace's target/, removed once installed.
    build_dir="${XDG_CACHE_HOME:-$HOME/.cache}/rondo/tauri-cli-build"
    t1=$(now)
    cargo install tauri-cli --version "=$TAURI_CLI_VERSION" --locked --force --target-dir "$build_dir"
    rm -rf "$build_dir"
    say "tauri-cli installed in $(( $(now) - t1 )) s"
  fi
  # The command line first (the bundler puts it in), then the app, in the same profile.
  cargo build --locked -p rondo --bin rondo "${release[@]}"
  config="$out/files.json"
  printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/rondo":"%s"}},"rpm":{"files":{"/usr/bin/rondo":"%s"}}}}}\n' \
    "$target_dir/$profile/rondo" "$target_dir/$profile/rondo" > "$config"
  debug=()
  [ "$profile" = debug ] && debug=(--debug)
  (cd src-tauri && "$cargo_bin/cargo-tauri" build "${debug[@]}" --bundles deb,rpm --config "$config" -- --locked)
  rm -f "$config"
  cp "$target_dir/$profile/bundle/deb/Rondo_${version}_${arch}.deb" "$out/rondo_${version}_${arch}.deb"
  for rpm in "$target_dir/$profile/bundle/rpm/"Rondo-"$version"-*.rpm; do
    cp "$rpm" "$out/rondo-${rpm##*/Rondo-}"
  done
else
  if [ "$profile" = debug ]; then
    # The binaries exactly as `cargo test` built them (nothing to do after the tests).
    cargo test --workspace --locked --no-run --quiet
  else
    cargo build --locked -p rondo --bin rondo --release
    cargo build --locked -p rondo-app --bin rondo-app --release --features tauri/custom-protocol
  fi
  deb="$(python3 scripts/deb-from-build.py "$target_dir/$profile/rondo-app" "$target_dir/$profile/rondo" "$out/work")"
  mv "$deb" "$out/rondo_${version}_${arch}.deb"
  rm -rf "$out/work"
fi
say "built and bundled ($profile, $bundler) in $(( $(now) - t0 )) s"
for made in "$out"/rondo_*.deb "$out"/rondo-*.rpm; do [ -e "$made" ] && echo "$made"; done; true
