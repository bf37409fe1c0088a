#!/usr/bin/env bash
# Shared set-up for the README's two commands: installs the Debian packages
# daihoi needs (only those missing), then configures and builds into build/.
# Sourced by tools/demo.sh and tools/test.sh; not meant to be run alone.
set -euo pipefail

DAIHOI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DAIHOI_BUILD=${DAIHOI_BUILD:-$DAIHOI_ROOT/build}

# Build and runtime packages (STACK.md), and the real clients the tests use
# to check .xlsx and PDF output (openpyxl, LibreOffice, poppler's pdftotext
# and pdffonts). The signed papers are drawn by cairo/pango in Liberation
# Serif (metric-compatible with Times New Roman, with every Vietnamese mark).
# The scanner (daihoi-scan) reads pages with OpenCV's core and imgproc and
# decodes PNG, JPEG, TIFF and PDF with libpng, libjpeg-turbo, libtiff and
# poppler directly; `scan ballots --device` drives a scanner's sheet feeder
# with SANE's scanimage (sane-utils), whose test backend the tests use.
# The delegate cards carry a QR code (libqrencode); the tests read it back
# with zbar (zbar-tools). The results slides are checked in a real browser
# (chromium, headless).
DAIHOI_PACKAGES=(
  g++ cmake make pkg-config ca-certificates dpkg-dev file
  libcli11-dev libfmt-dev libsqlitecpp-dev libsqlite3-dev sqlite3
  libxlsxwriter-dev libicu-dev libminizip-dev libexpat1-dev zlib1g-dev
  libtomlplusplus-dev nlohmann-json3-dev nettle-dev libkainjow-mustache-dev libedit-dev
  libgtest-dev libgmock-dev libbenchmark-dev scdoc man-db gettext
  python3 python3-openpyxl libreoffice-calc-nogui poppler-utils
  libcairo2-dev libpango1.0-dev fonts-liberation2
  libopencv-core-dev libopencv-imgproc-dev libpng-dev libturbojpeg0-dev libtiff-dev libpoppler-cpp-dev
  sane-utils libqrencode-dev zbar-tools chromium libcpp-httplib-dev
)

daihoi_install_packages() {
  local missing=() p
  for p in "${DAIHOI_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "daihoi: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

daihoi_build() {
  cmake -S "$DAIHOI_ROOT" -B "$DAIHOI_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$DAIHOI_BUILD" -j"$(nproc)"
}

daihoi_install_packages
daihoi_build
