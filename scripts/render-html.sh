#!/usr/bin/env bash
# Renders every example scenario's HTML report in headless Chromium to PNG, at the width a reader's
# laptop shows (1,280 px by default), so a person can look at what a finance reader sees.
#   scripts/render-html.sh [OUT_DIR] [WIDTH]       (default: target/html-shots, 1280)
# Needs chromium (Debian: apt-get install chromium). Uses a fixed --as-of so shots compare across runs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$here/target/html-shots}
width=${2:-1280}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-html: chromium not found (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$out"
for scenario in "$here"/scenarios/*.yaml; do
  stem=$(basename "$scenario" .yaml)
  "$here/aichoose" evaluate "$scenario" --as-of 2026-11-24 -o "$out/$stem.html" 2>/dev/null
  # a tall window so the whole page is in one shot; the page itself decides its width
  "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,4200" --screenshot="$out/$stem.png" "file://$out/$stem.html" >/dev/null 2>&1
  echo "$out/$stem.png"
done
