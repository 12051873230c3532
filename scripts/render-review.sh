#!/usr/bin/env bash
# Renders `rebound review --format html` in a real browser (headless Chromium) to a PNG,
# to check the report as a coach will see it.
#
#   scripts/render-review.sh [TRANSCRIPTS-DIR] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
transcripts=${1:-transcripts}
png=${2:-review.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render-review: installing chromium from Debian"
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
    browser=$(command -v chromium)
fi
html=$(mktemp --suffix=.html)
trap 'rm -f "$html"' EXIT
swift run -q rebound review "$transcripts" --format html > "$html"
"$browser" --headless --no-sandbox --disable-gpu --window-size=1000,1400 --screenshot="$PWD/$png" "file://$html" 2>/dev/null
echo "render-review: wrote $png"
