#!/usr/bin/env bash
# Builds Rondo's installable packages: a .deb and an .rpm of the desktop app, made by the
# Tauri bundler from src-tauri/tauri.conf.json, with the `rondo` command line beside the
# app (/usr/bin/rondo), its desktop entry (Office, opens .ics files) and its icons from
# 16 to 512 pixels (src-tauri/icons, drawn from icon.svg). The bundler is the Tauri
# command line's prebuilt binary from npm (@tauri-apps/cli, pinned with its checksums in
# scripts/tauri-cli/package-lock.json, installed once under ~/.cache/rondo/tauri-cli;
# nodejs/npm installed with apt when missing); nothing else is downloaded and the bundling
# runs offline. No AppImage: its tools (linuxdeploy) come from GitHub.
#
# Usage: scripts/package.sh [--debug] [--bundler auto|tauri|dpkg-deb]
#   (nothing)            the release packages, what people install
#   --debug              the same of the debug build `cargo test` made (no build of its own)
#   --bundler auto       (default) the Tauri bundler; if it cannot be installed (no npm
#                        registry), only the .deb, made by dpkg-deb, said plainly
#   --bundler tauri      the Tauri bundler or fail
#   --bundler dpkg-deb   only the .deb, laid out as the Tauri bundler does but made with
#                        dpkg-deb (scripts/deb-from-build.py)
# Output on stdout: the paths of the packages made,
#   target/package/rondo_<version>_<arch>.deb (and rondo-<version>-1.<arch>.rpm)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The Tauri command line that bundles: the npm package's prebuilt binary (the same
# bundler `cargo install tauri-cli` would build, in seconds instead of over an hour).
cli_lock=scripts/tauri-cli
cli_dir="${XDG_CACHE_HOME:-$HOME/.cache}/rondo/tauri-cli"
tauri="$cli_dir/node_modules/.bin/tauri"
cli_version="$(sed -n 's/^ *"@tauri-apps\/cli": "\(.*\)"$/\1/p' "$cli_lock/package.json")"

say() { echo "rondo package: $*" >&2; }
now() { date +%s; }

profile=release
bundler=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --bundler)
      bundler="${2:-}"; shift
      case "$bundler" in auto|tauri|dpkg-deb) ;; *) say "--bundler takes auto, tauri or dpkg-deb, not '$bundler'"; exit 2 ;; esac ;;
    *) say "unknown option $1 (use --debug, --bundler auto|tauri|dpkg-deb)"; exit 2 ;;
  esac
  shift
done

if ! command -v cargo >/dev/null 2>&1; then
  say "cargo is missing: install Rust (https://rustup.rs) and run this again"
  exit 1
fi
bash scripts/setup-tauri.sh >&2
bash scripts/apt-install.sh dpkg-dev python3 >/dev/null

# Installs the pinned Tauri command line under $cli_dir unless it is there already:
# `npm ci` fetches exactly what package-lock.json names and checks each file's sha512.
install_tauri_cli() {
  "$tauri" --version 2>/dev/null | grep -qx "tauri-cli $cli_version" && return 0
  command -v npm >/dev/null 2>&1 || bash scripts/apt-install.sh nodejs npm >&2 || return 1
  say "installing the Tauri command line $cli_version from npm into $cli_dir (once)"
  mkdir -p "$cli_dir"
  cp "$cli_lock/package.json" "$cli_lock/package-lock.json" "$cli_dir/"
  (cd "$cli_dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2) || return 1
  "$tauri" --version 2>/dev/null | grep -qx "tauri-cli $cli_version"
}
if [ "$bundler" != dpkg-deb ]; then
  if install_tauri_cli; then
    bundler=tauri
  elif [ "$bundler" = tauri ]; then
    say "could not install the Tauri command line $cli_version from npm (see above): no packages made"
    exit 1
  else
    say "could not install the Tauri command line $cli_version from npm (see above):"
    say "FALLING BACK to dpkg-deb: a .deb in the Tauri bundler's layout, and NO .rpm"
    bundler=dpkg-deb
  fi
fi

meta() { cargo metadata --format-version 1 --no-deps --offline | python3 -c "import json,sys; m=json.load(sys.stdin); print($1)"; }
target_dir="$(meta 'm["target_directory"]')"
version="$(meta 'next(p["version"] for p in m["packages"] if p["name"] == "rondo-app")')"
arch="$(dpkg --print-architecture)"
out="$target_dir/package"
mkdir -p "$out"
rm -f "$out"/rondo_*.deb "$out"/rondo-*.rpm

t0=$(now)
if [ "$profile" = debug ]; then
  # The binaries exactly as `cargo test` built them (nothing to do after the tests).
  cargo test --workspace --locked --no-run --quiet >&2
else
  cargo build --locked -p rondo --bin rondo --release >&2
fi
built=$(now)
if [ "$bundler" = tauri ]; then
  # The command line beside the app, merged into tauri.conf.json's `files`.
  config="$out/files.json"
  printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/rondo":"%s"}},"rpm":{"files":{"/usr/bin/rondo":"%s"}}}}}\n' \
    "$target_dir/$profile/rondo" "$target_dir/$profile/rondo" > "$config"
  if [ "$profile" = debug ]; then
    # Bundles the app `cargo test` built as it is: `tauri build --debug` would build it
    # again with other features. Not patched, so cargo's binary stays as the tests ran it.
    (cd src-tauri && "$tauri" bundle --debug --bundles deb,rpm --config "$config" --no-binary-patching >&2)
  else
    (cd src-tauri && "$tauri" build --bundles deb,rpm --config "$config" -- --locked >&2)
  fi
  rm -f "$config"
  cp "$target_dir/$profile/bundle/deb/Rondo_${version}_${arch}.deb" "$out/rondo_${version}_${arch}.deb"
  for rpm in "$target_dir/$profile/bundle/rpm/"Rondo-"$version"-*.rpm; do
    cp "$rpm" "$out/rondo-${rpm##*/Rondo-}"
  done
else
  if [ "$profile" = release ]; then
    cargo build --locked -p rondo-app --bin rondo-app --release --features tauri/custom-protocol >&2
  fi
  deb="$(python3 scripts/deb-from-build.py "$target_dir/$profile/rondo-app" "$target_dir/$profile/rondo" "$out/work")"
  mv "$deb" "$out/rondo_${version}_${arch}.deb"
  rm -rf "$out/work"
fi
say "bundled ($profile, $bundler) in $(( $(now) - built )) s, $(( $(now) - t0 )) s with the build"
for made in "$out"/rondo_*.deb "$out"/rondo-*.rpm; do [ -e "$made" ] && echo "$made"; done; true
