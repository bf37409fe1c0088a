#!/usr/bin/env bash
# Reads back the QR code of every delegate card in a PDF (daihoi report
# cards), one card at a time as a door's reader sees it: each card's cell of
# the A4 grid is rendered alone at 200 dpi (pdftoppm) and read by zbarimg.
# Prints one line a place of the grid, in the order printed: the code read,
# or "-" (an empty place of the last sheet, or a code that does not read).
# Usage: read_cards.sh FILE.pdf a6|card
set -euo pipefail
pdf=$1 size=$2
dpi=200
case $size in
  a6) w=105 h=148 cols=2 rows=2 ;;
  card) w=85.6 h=54 cols=2 rows=5 ;;
  *) echo "read_cards.sh: size a6 or card" >&2; exit 2 ;;
esac
px() { awk -v mm="$1" -v dpi=$dpi 'BEGIN { printf "%d", mm / 25.4 * dpi + 0.5 }'; }
left=$(awk -v w=$w -v c=$cols 'BEGIN { print (210 - w * c) / 2 }')
top=$(awk -v h=$h -v r=$rows 'BEGIN { print (297 - h * r) / 2 }')
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((p = 1; p <= pages; ++p)); do
  for ((r = 0; r < rows; ++r)); do
    for ((c = 0; c < cols; ++c)); do
      x=$(px "$(awk -v l="$left" -v w=$w -v c=$c 'BEGIN { print l + w * c }')")
      y=$(px "$(awk -v t="$top" -v h=$h -v r=$r 'BEGIN { print t + h * r }')")
      pdftoppm -r $dpi -f "$p" -l "$p" -x "$x" -y "$y" -W "$(px $w)" -H "$(px $h)" -gray -png "$pdf" "$tmp/card"
      code=$(zbarimg -q --raw "$tmp"/card*.png 2>/dev/null || true)
      rm -f "$tmp"/card*.png
      echo "${code:--}"
    done
  done
done
