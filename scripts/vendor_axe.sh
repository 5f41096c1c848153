#!/usr/bin/env bash
# Haal axe-core (vaste versie) uit het npm-register voor de toegankelijkheidstests in tests/browser/.
# Alleen voor de tests: axe komt niet in het boek. Uitvoer staat niet in git (.testvendor/).
set -euo pipefail
versie=${AXE_VERSIE:-4.14.1}
doel=${1:-.testvendor/axe-core-$versie}
if [ -s "$doel/axe.min.js" ]; then exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "axe-core@$versie" >/dev/null )
tar -xzf "$tmp"/axe-core-*.tgz -C "$tmp"
mkdir -p "$doel"
cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$doel/"
echo "axe-core $versie staat in $doel"
