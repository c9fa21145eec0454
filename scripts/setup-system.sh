#!/usr/bin/env bash
# Installs the system programs the pipeline and its tests use, when missing:
# Chromium (prints the PDFs), LibreOffice Writer (opens the DOCX in tests) and poppler
# (pdftotext/pdftoppm, for looking at PDFs). Fonts ship with the npm packages.
set -euo pipefail

missing=()
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null; then
  missing+=(chromium)
fi
command -v libreoffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  echo "System programs present: Chromium, LibreOffice, poppler."
  exit 0
fi

echo "Installing ${missing[*]} from Debian..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}."
