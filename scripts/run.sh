#!/usr/bin/env bash
# Installs what is missing, builds Galley and opens its window. With an empty database the window
# opens on the bundled sample digest. Arguments go to the app (e.g. --db PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release -p galley-desktop -p galley-cli
echo "Galley: the command line is at target/release/galley"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # A machine without a screen (a server, a container): use a virtual one.
  export DISPLAY=:89
  if [ ! -e /tmp/.X11-unix/X89 ]; then
    Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    sleep 1
  fi
  echo "Galley: no screen found; the window is on the virtual display $DISPLAY"
  echo "        (screenshot: import -display $DISPLAY -window root galley.png)"
fi
exec target/release/galley-desktop --sample-if-empty "$@"
