#!/usr/bin/env bash
# Builds Rondo's installable packages with the Tauri bundler: a .deb and an .rpm of the
# desktop app, with the `rondo` command line beside it (/usr/bin/rondo), its desktop entry
# (Office, opens .ics files) and icons from 16 to 512 pixels. Nothing is downloaded but
# the Tauri command line itself (from crates.io, once, installed when missing); the
# bundling runs offline. The AppImage is not made: its tools come from GitHub.
#
# Usage: scripts/package.sh            the release packages (what people install)
#        scripts/package.sh --debug    the same packages of the debug build, quick to make
#                                      after `cargo test` (the package test uses them)
# Output: target/package/rondo_<version>_<arch>.deb and rondo-<version>-1.<arch>.rpm
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The Tauri command line that bundles; the same minor line as the tauri crate in Cargo.lock.
TAURI_CLI_VERSION=2.12.4

say() { echo "rondo package: $*" >&2; }
now() { date +%s; }

profile=release
tauri_flags=()
case "${1:-}" in
  "") ;;
  --debug) profile=debug; tauri_flags=(--debug) ;;
  *) say "unknown option $1 (use --debug or nothing)"; exit 2 ;;
esac

if ! command -v cargo >/dev/null 2>&1; then
  say "cargo is missing: install Rust (https://rustup.rs) and run this again"
  exit 1
fi
bash scripts/setup-tauri.sh

cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! "$cargo_bin/cargo-tauri" --version 2>/dev/null | grep -qx "tauri-cli $TAURI_CLI_VERSION"; then
  say "installing tauri-cli $TAURI_CLI_VERSION from crates.io (once; several minutes on 2 cores)"
  # Built in a folder of its own, outside the workspace's target/, removed once installed.
  build_dir="${XDG_CACHE_HOME:-$HOME/.cache}/rondo/tauri-cli-build"
  t0=$(now)
  cargo install tauri-cli --version "=$TAURI_CLI_VERSION" --locked --force --target-dir "$build_dir"
  rm -rf "$build_dir"
  say "tauri-cli installed in $(( $(now) - t0 )) s"
fi
tauri=("$cargo_bin/cargo-tauri")

target_dir="$(cargo metadata --format-version 1 --no-deps --offline | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
version="$(cargo metadata --format-version 1 --no-deps --offline | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "rondo-app"))')"
work="$target_dir/package/work"
out="$target_dir/package"
rm -rf "$work"
mkdir -p "$work" "$out"

# Icons at every size a desktop asks for, drawn from the committed SVG.
t0=$(now)
"${tauri[@]}" icon src-tauri/icons/icon.svg --output "$work/icons" --png 16,24,32,48,64,128,256,512 >/dev/null
say "icons drawn in $(( $(now) - t0 )) s"

# The command line, then the app, in the same profile; the bundler puts both in.
t0=$(now)
cargo_profile=(--release)
[ "$profile" = debug ] && cargo_profile=()
cargo build --locked -p rondo --bin rondo "${cargo_profile[@]}"
python3 - "$work" "$target_dir/$profile/rondo" > "$work/package.json" <<'EOF'
import json, os, sys
work, cli = sys.argv[1], sys.argv[2]
icons = sorted(os.path.join(work, "icons", f) for f in os.listdir(os.path.join(work, "icons")) if f.endswith(".png"))
files = {"/usr/bin/rondo": cli}
print(json.dumps({"bundle": {"icon": icons, "linux": {"deb": {"files": files}, "rpm": {"files": files}}}}))
EOF
(cd src-tauri && "${tauri[@]}" build "${tauri_flags[@]}" --bundles deb,rpm --config "$work/package.json" -- --locked)
say "app built and bundled ($profile) in $(( $(now) - t0 )) s"

arch="$(dpkg --print-architecture)"
rm -f "$out"/rondo_*.deb "$out"/rondo-*.rpm
cp "$target_dir/$profile/bundle/deb/Rondo_${version}_${arch}.deb" "$out/rondo_${version}_${arch}.deb"
for rpm in "$target_dir/$profile/bundle/rpm/"Rondo-"$version"-*.rpm; do
  cp "$rpm" "$out/rondo-${rpm##*/Rondo-}"
done
ls -1 "$out"/rondo_*.deb "$out"/rondo-*.rpm
