#!/usr/bin/env bash
# Builds Galley's Debian package with the Tauri bundler: target/package/galley_<version>_amd64.deb
# holding the desktop app (galley-desktop), the `galley` command line, the sample page and the
# desktop entry. Installs what is missing (system packages, tauri-cli from crates.io); nothing
# is downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

# Pinned: the newest tauri-cli on the registry is a 3.0 alpha.
TAURI_CLI_VERSION=2.12.4
if [ "$(cargo tauri --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]; then
  echo "package: installing tauri-cli $TAURI_CLI_VERSION (about 8 minutes on 2 cores)"
  cargo install tauri-cli --version "=$TAURI_CLI_VERSION" --locked --quiet
fi

# One version, the workspace's: the package, `galley --version` and the window's About.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
mkdir -p target/package
# A native package's changelog, as Debian policy wants it: /usr/share/doc/galley/changelog.gz.
cat > target/package/changelog <<TXT
galley ($version) unstable; urgency=medium

  * Galley $version. The changes are listed in CHANGELOG.md of the repository.

 -- Galley developers <galley@example.org>  $(date -R -u -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")
TXT
gzip -9nf target/package/changelog

# The command line goes into the package beside the app (bundle.linux.deb.files).
cargo build --release --locked -p galley-cli
(cd src-tauri && cargo tauri build --bundles deb -- --locked)

built=$(ls -t target/release/bundle/deb/*_"$version"_amd64.deb | head -n 1)
deb="target/package/galley_${version}_amd64.deb"
cp "$built" "$deb"
echo "package: $deb ($(du -h "$deb" | cut -f1))"
