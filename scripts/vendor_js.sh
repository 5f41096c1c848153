#!/usr/bin/env bash
# Haal de widget-manager, require.js en MathJax uit het npm-register, zodat het boek geen
# externe CDN nodig heeft (zie ../shared/ecosystem.md). Uitvoer staat niet in git.
set -euo pipefail
doel=${1:-_vendor/vendor}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent @jupyter-widgets/html-manager@1.0.6 requirejs@2.3.4 mathjax@3.2.2 >/dev/null )
mkdir -p "$doel/html-manager" "$doel/mathjax"
for pakket in "$tmp"/*.tgz; do
  mkdir -p "$tmp/uit" && rm -rf "$tmp/uit"/* && tar -xzf "$pakket" -C "$tmp/uit"
  case "$(basename "$pakket")" in
    jupyter-widgets-html-manager-*) cp -r "$tmp/uit/package/dist/." "$doel/html-manager/" ;;
    requirejs-*) cp "$tmp/uit/package/require.js" "$doel/require.js" ;;
    mathjax-*) cp -r "$tmp/uit/package/es5/." "$doel/mathjax/" ;;
  esac
done
find "$doel" -name '*.map' -delete
rm -f "$doel/html-manager/embed.js" "$doel/html-manager/libembed-amd.js"
echo "Gevendorde scripts staan in $doel"
