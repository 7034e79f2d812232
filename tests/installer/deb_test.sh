#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package from the build directory given as $1 and checks that it holds the two
# binaries, the desktop integration and the data, and that the installed CLI finds the installed data.
set -euo pipefail
build="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/*.deb)"
contents="$(dpkg-deb -c "$deb")"
for path in ./usr/bin/fleetwright ./usr/bin/fleetwright-cli \
            ./usr/share/applications/fleetwright.desktop \
            ./usr/share/icons/hicolor/scalable/apps/fleetwright.svg \
            ./usr/share/mime/packages/fleetwright.xml \
            ./usr/share/fleetwright/catalog/accelerators.json \
            ./usr/share/fleetwright/catalog/systems.json \
            ./usr/share/fleetwright/catalog/network.json; do
  grep -q " $path\$" <<<"$contents" || { echo "missing from $deb: $path"; exit 1; }
done

# The installed binary must read the installed data: drop one record from the extracted copy and
# expect the installed CLI to list one accelerator fewer than shipped.
dpkg-deb -x "$deb" "$work/root"
python3 - "$work/root/usr/share/fleetwright/catalog/accelerators.json" <<'PY'
import json, sys
path = sys.argv[1]
document = json.load(open(path, encoding="utf-8"))
document["accelerators"] = [a for a in document["accelerators"] if a["sku"] != "Gaudi 2"]
json.dump(document, open(path, "w", encoding="utf-8"))
print(len(document["accelerators"]), file=open(path + ".count", "w"))
PY
expected="$(cat "$work/root/usr/share/fleetwright/catalog/accelerators.json.count")"
rm "$work/root/usr/share/fleetwright/catalog/accelerators.json.count"
count="$(env -u FLEETWRIGHT_DATA_DIR "$work/root/usr/bin/fleetwright-cli" catalog --json --kind accelerator |
         python3 -c 'import json,sys; print(len(json.load(sys.stdin)["accelerators"]))')"
[[ "$count" == "$expected" ]] ||
  { echo "installed CLI listed $count accelerators, expected the installed data's $expected"; exit 1; }
echo "deb ok: $(basename "$deb")"
