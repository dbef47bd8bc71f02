#!/usr/bin/env bash
# Installs what Strata needs on a fresh Debian machine that has Swift: system libraries for
# the build and the tools the scripts use. Does nothing when everything is there.
set -euo pipefail
need=()
command -v swift >/dev/null || { echo "bootstrap: Swift 6.x is required (https://www.swift.org/install/linux/)" >&2; exit 1; }
command -v python3 >/dev/null || need+=(python3 python3-venv python3-pip)
command -v unzip >/dev/null || need+=(unzip)
command -v curl >/dev/null || need+=(curl)
command -v pdftotext >/dev/null || need+=(poppler-utils)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
