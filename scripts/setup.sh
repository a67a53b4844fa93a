#!/usr/bin/env bash
# Installs what Galley needs to build, run and test on Debian 12, skipping what is already there:
# system packages through apt-get (as root, or with sudo) and tauri-driver (the WebDriver bridge for the real-window tests) through cargo.
# Nothing is downloaded from outside the package registries.
set -euo pipefail

# To build and run (Xvfb: a virtual screen for machines without one).
APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  build-essential pkg-config curl ca-certificates
  fonts-noto-cjk xvfb xauth
)
# To test: WebDriver for the real window, screenshots, and the independent readers of exports.
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(webkit2gtk-driver imagemagick libreoffice-calc python3 python3-pyld chromium chromium-driver)
fi

sudo_() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  # Debian 12's own rustc (1.63) is too old for Tauri 2.
  echo "setup: Galley needs Rust 1.90 or newer; install it with rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

# The export tests read JSON-LD back with pyld; a python3 other than Debian's (pyenv, venv) gets it from PyPI.
if [ "${1:-}" = "--test" ] && ! python3 -c 'import pyld' 2>/dev/null; then
  echo "setup: installing pyld for $(command -v python3)"
  python3 -m pip install --quiet pyld 2>/dev/null || python3 -m pip install --quiet --break-system-packages pyld
fi
