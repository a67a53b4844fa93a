#!/usr/bin/env bash
# Fuzzes Galley's readers with cargo fuzz (libFuzzer): the page-text rebuilder, the
# interchange readers (Markdown, JSON, JSON Lines, Label Studio, doccano) and the PDF reader. Each target runs for
# FUZZ_SECONDS (default 20: the short run the test command makes; try 600 or more by hand), its
# corpus seeded from the repository's own pages. A crash leaves its input under
# fuzz/artifacts/TARGET/ and fails this script.
#
#   scripts/fuzz.sh                  # every target, 20 s each
#   FUZZ_SECONDS=1800 scripts/fuzz.sh page
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --version '^0.13' --locked --quiet
fi
# The machine's one toolchain is stable; libFuzzer's instrumentation flags need this switch.
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-20}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(page records pdf)
seed() {
  mkdir -p "fuzz/corpus/$1"
  cp -n crates/galley-core/assets/tmt-digest-2023-06.txt crates/galley-core/tests/pages/*.txt "fuzz/corpus/$1/" 2>/dev/null || true
  [ "$1" = records ] && cp -n crates/galley-core/tests/pages/*.json "fuzz/corpus/$1/" 2>/dev/null || true
  [ "$1" = pdf ] && cp -n crates/galley-core/tests/pdf/*.pdf "fuzz/corpus/$1/" 2>/dev/null || true
}
for t in "${targets[@]}"; do
  seed "$t"
  echo "fuzz: $t for ${seconds}s"
  cargo fuzz run --release "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=262144 2>&1 | tail -n 3
done
