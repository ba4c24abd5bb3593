#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), poppler (reading letter PDFs),
# HarfBuzz subsetting (WeasyPrint), fonts. Installs what is missing when run as root.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
command -v msgfmt >/dev/null 2>&1 || needed+=(gettext)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || needed+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || needed+=(fonts-dejavu-core)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
else
  echo "Missing Debian packages: ${needed[*]} (install them: sudo apt-get install ${needed[*]})" >&2
  exit 1
fi
