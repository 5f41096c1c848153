#!/usr/bin/env bash
# Haal de widget-manager, require.js en MathJax uit het npm-register, zodat het boek en de formgrader
# geen externe CDN nodig hebben (zie ../shared/ecosystem.md). Uitvoer staat niet in git.
#
#   bash scripts/vendor_js.sh [BOEKMAP] [FORMGRADERMAP]
#
# BOEKMAP (standaard _vendor/vendor): voor het boek (html_static_path in _config.yml).
# FORMGRADERMAP (standaard _vendor/formgrader): MathJax 2 voor de formgrader van nbgrader. Een eigen map,
# want alles onder _vendor/vendor kopieert Sphinx in elk gebouwd boek, en het boek gebruikt MathJax 3.
# De formgrader (nbgrader 0.9) gebruikt de API van MathJax 2 (MathJax.Hub) en laadt
# MathJax.js?config=TeX-AMS_CHTML-full,Safe; alleen wat die configuratie met CommonHTML-uitvoer laadt,
# komt mee (5 MB in plaats van 73 MB).
set -euo pipefail
doel=${1:-_vendor/vendor}
formgrader=${2:-$(dirname "$doel")/formgrader}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent @jupyter-widgets/html-manager@1.0.6 requirejs@2.3.4 mathjax@3.2.2 mathjax@2.7.9 >/dev/null )
mkdir -p "$doel/html-manager" "$doel/mathjax"
rm -rf "$formgrader/mathjax2"
mathjax2=$(mkdir -p "$formgrader/mathjax2" && cd "$formgrader/mathjax2" && pwd)
for pakket in "$tmp"/*.tgz; do
  mkdir -p "$tmp/uit" && rm -rf "$tmp/uit"/* && tar -xzf "$pakket" -C "$tmp/uit"
  case "$(basename "$pakket")" in
    jupyter-widgets-html-manager-*) cp -r "$tmp/uit/package/dist/." "$doel/html-manager/" ;;
    requirejs-*) cp "$tmp/uit/package/require.js" "$doel/require.js" ;;
    mathjax-2.*)
      ( cd "$tmp/uit/package" && cp --parents -r LICENSE MathJax.js config/TeX-AMS_CHTML-full.js config/Safe.js \
          extensions jax/input/TeX jax/input/MathML jax/output/CommonHTML jax/element fonts/HTML-CSS/TeX/woff \
          localization/en localization/nl "$mathjax2/" ) ;;
    mathjax-3.*) cp -r "$tmp/uit/package/es5/." "$doel/mathjax/" ;;
  esac
done
find "$doel" "$formgrader" -name '*.map' -delete
rm -f "$doel/html-manager/embed.js" "$doel/html-manager/libembed-amd.js"
echo "Gevendorde scripts staan in $doel (boek) en $formgrader (formgrader)"
