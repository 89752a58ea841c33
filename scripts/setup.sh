#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages relmap needs to build (and, with
# --test, to run its tests headless). As root it runs apt-get; otherwise it
# prints the exact command to run and stops.
set -euo pipefail

pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
if [ "${1:-}" = "--test" ]; then
  # The window's tests: a headless X server, its driving and screenshots.
  # The pictures' tests: SVG and PDF rasterised by reference renderers,
  # with the Go fonts the pictures name installed for them. DOT exports are
  # rendered by Graphviz itself.
  pkgs+=(xvfb libgl1-mesa-dri xdotool imagemagick librsvg2-bin poppler-utils fonts-go graphviz)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    echo "setup: Go is at /usr/local/go/bin but not on PATH; add it: export PATH=\$PATH:/usr/local/go/bin" >&2
  else
    echo "setup: Go is not installed; install Go 1.24 or newer first" >&2
  fi
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: relmap needs these packages; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
