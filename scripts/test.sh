#!/usr/bin/env bash
# Runs every test: formatting and lints, core unit tests, CLI integration tests and the
# real-window tests of the desktop app (under Xvfb, through WebDriver). Installs what is missing.
# Screenshots of the main views land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --all-targets --locked
