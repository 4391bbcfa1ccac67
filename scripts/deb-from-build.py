#!/usr/bin/env python3
"""Builds Rondo's .deb with dpkg-deb from binaries cargo already built, laid out exactly
as the Tauri bundler lays it out (tauri-bundler 2.10, src/bundle/linux/debian.rs and
freedesktop/mod.rs), from the same settings in src-tauri/tauri.conf.json.

Why a second way to make the .deb: the Tauri bundler comes from npm (@tauri-apps/cli,
installed by scripts/package.sh). Where npm's registry cannot be reached, package.sh
falls back to this (or uses it with `--bundler dpkg-deb`) and says so: a .deb with the
same layout and fields, no .rpm. The packages people install are made by the Tauri
bundler (the default). Both pass the same .deb checks (scripts/test-package.sh).

Usage: deb-from-build.py APP_BINARY CLI_BINARY OUTPUT_FOLDER
Prints the path of the .deb it wrote (OUTPUT_FOLDER/Rondo_<version>_<arch>.deb, the
bundler's name).
"""
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_TAURI = os.path.join(ROOT, "src-tauri")

# The dependencies tauri-cli adds to every Linux app's .deb (interface/rust.rs), plus
# those tauri.conf.json names.
TAURI_DEPENDS = ["libwebkit2gtk-4.1-0", "libgtk-3-0"]
# tauri-bundler's AppCategory -> freedesktop categories, for the categories Rondo may use.
FREEDESKTOP_CATEGORIES = {
    "Business": "Office;",
    "Productivity": "Office;",
    "Utility": "Utility;",
}


def fail(message):
    print(f"deb-from-build: {message}", file=sys.stderr)
    sys.exit(1)


def png_size(path):
    """The width and height of the PNG at `path` (from its IHDR chunk)."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        fail(f"{path} is not a PNG image")
    return struct.unpack(">II", head[16:24])


def kebab(name):
    """heck's kebab case of a product name, as the bundler names the package."""
    words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)
    return "-".join(w.lower() for w in words)


def render(template, values):
    """Fills the desktop template's `{{name}}` fields (no blocks: Rondo's template has none)."""
    def field(m):
        key = m.group(1).strip()
        if key not in values:
            fail(f"the desktop template asks for {{{{{key}}}}}, which this script does not fill")
        return values[key]

    return re.sub(r"\{\{([^}#/]+)\}\}", field, template)


def put(src, dest, mode):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(src, dest)
    os.chmod(dest, mode)


def main():
    if len(sys.argv) != 4:
        fail("usage: deb-from-build.py APP_BINARY CLI_BINARY OUTPUT_FOLDER")
    app_bin, cli_bin, out_dir = sys.argv[1:]
    conf = json.load(open(os.path.join(SRC_TAURI, "tauri.conf.json")))
    bundle = conf["bundle"]
    deb = bundle.get("linux", {}).get("deb", {})
    product, version = conf["productName"], conf["version"]
    main_binary = os.path.basename(app_bin)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                          text=True, check=True).stdout.strip()

    with tempfile.TemporaryDirectory(prefix="rondo-deb.") as work:
        data = os.path.join(work, "data")
        put(app_bin, os.path.join(data, "usr/bin", main_binary), 0o755)
        for icon in bundle.get("icon", []):
            if not icon.endswith(".png"):
                continue
            w, h = png_size(os.path.join(SRC_TAURI, icon))
            dest = f"usr/share/icons/hicolor/{w}x{h}/apps/{main_binary}.png"
            if not os.path.exists(os.path.join(data, dest)):
                put(os.path.join(SRC_TAURI, icon), os.path.join(data, dest), 0o644)
        template = open(os.path.join(SRC_TAURI, deb["desktopTemplate"])).read()
        mime = ";".join(a["mimeType"] for a in bundle.get("fileAssociations", []) if a.get("mimeType"))
        desktop = render(template, {
            "name": product,
            "comment": bundle.get("shortDescription", ""),
            "exec": main_binary,
            "icon": main_binary,
            "categories": FREEDESKTOP_CATEGORIES.get(bundle.get("category", ""), ""),
            "mime_type": mime,
        })
        desktop_path = os.path.join(data, "usr/share/applications", f"{product}.desktop")
        os.makedirs(os.path.dirname(desktop_path), exist_ok=True)
        with open(desktop_path, "w") as f:
            f.write(desktop)
        files = dict(deb.get("files", {}))
        files["/usr/bin/rondo"] = cli_bin
        for dest, src in files.items():
            src = src if os.path.isabs(src) else os.path.join(SRC_TAURI, src)
            mode = 0o755 if dest.startswith("/usr/bin/") else 0o644
            put(src, os.path.join(data, dest.lstrip("/")), mode)

        control = os.path.join(data, "DEBIAN")
        os.makedirs(control)
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(data) for f in fs)
        depends = TAURI_DEPENDS + deb.get("depends", [])
        lines = [
            f"Package: {kebab(product)}",
            f"Version: {version}",
            f"Architecture: {arch}",
            f"Installed-Size: {size // 1024}",
            f"Maintainer: {bundle['publisher']}",
            f"Section: {deb['section']}",
            f"Priority: {deb.get('priority', 'optional')}",
            f"Depends: {', '.join(depends)}",
            f"Description: {bundle['shortDescription'].strip()}",
        ]
        lines += [f" {line.strip()}" if line.strip() else " ." for line in bundle["longDescription"].strip().splitlines()]
        with open(os.path.join(control, "control"), "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(os.path.join(control, "md5sums"), "w") as f:
            for d, _, fs in sorted(os.walk(data)):
                if d.startswith(control):
                    continue
                for name in sorted(fs):
                    path = os.path.join(d, name)
                    digest = hashlib.md5(open(path, "rb").read()).hexdigest()
                    f.write(f"{digest}  {os.path.relpath(path, data)}\n")
        for d, dirs, _ in os.walk(data):
            for sub in dirs:
                os.chmod(os.path.join(d, sub), 0o755)

        os.makedirs(out_dir, exist_ok=True)
        target = os.path.join(out_dir, f"{product}_{version}_{arch}.deb")
        # gzip at level 1, as quick as the bundler's gzip and far quicker than xz on a
        # debug binary of a few hundred megabytes.
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", data, target],
                       check=True, stdout=subprocess.DEVNULL)
    print(target)


if __name__ == "__main__":
    main()
