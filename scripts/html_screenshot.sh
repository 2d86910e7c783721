#!/usr/bin/env bash
# Regenerate the README's picture of the HTML report: render a shipped example with
# `srm-iac check --format html` and photograph it in headless Chromium (Debian's chromium).
#
#   scripts/html_screenshot.sh [EXAMPLE] [OUT.png]     (default: bedrock-hardened, docs/html-report.png)
#
# Needs srm-iac on PATH (an activated venv) and chromium. When Pillow is importable the PNG is
# reduced to 256 colours to keep the repository small; otherwise Chromium's PNG is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

example="${1:-bedrock-hardened}"
out="${2:-docs/html-report.png}"
dir="examples/terraform/$example"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

options=()
if [ -f "$dir/srm-iac.yaml" ]; then
  options=(--config "$dir/srm-iac.yaml")
fi
status=0
srm-iac check "$dir/plan.json" "${options[@]}" --format html --output "$work/report.html" || status=$?
if [ "$status" -gt 1 ]; then
  echo "srm-iac failed with exit code $status" >&2
  exit "$status"
fi

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,1400 \
  --screenshot="$work/report.png" "file://$work/report.html" >/dev/null 2>&1

mkdir -p "$(dirname "$out")"
python3 - "$work/report.png" "$out" <<'PY'
import shutil
import sys

source, target = sys.argv[1], sys.argv[2]
try:
    from PIL import Image
except ImportError:
    shutil.copyfile(source, target)
else:
    Image.open(source).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(
        target, optimize=True
    )
print(f"wrote {target}")
PY
