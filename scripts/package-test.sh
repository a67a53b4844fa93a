#!/usr/bin/env bash
# Checks the Debian package on this machine as an editor would meet it (run as root or with sudo):
# lintian reports no errors, `apt-get install ./galley_….deb` pulls what it needs, the installed
# app opens on the sample digest under Xvfb (checked through WebDriver), `galley` is on the PATH,
# and `apt-get purge` removes the package and leaves the user's database in place.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
deb="$PWD/target/package/galley_${version}_amd64.deb"
[ -f "$deb" ] || { echo "package-test: no $deb: run scripts/package.sh first" >&2; exit 1; }

sudo_() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
apt_() { sudo_ env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }

echo "package-test: the files in the package"
dpkg -c "$deb" | awk '{print $6}' | grep -v '/$' || true
listing=$(dpkg -c "$deb" | awk '{print $6}' | sed 's|^\./||')
for f in usr/bin/galley-desktop usr/bin/galley usr/share/applications/Galley.desktop \
  usr/share/galley/sample/tmt-digest-2023-06.txt usr/share/doc/galley/copyright \
  usr/share/doc/galley/changelog.gz usr/share/icons/hicolor/128x128/apps/galley-desktop.png; do
  grep -qx "$f" <<<"$listing" || { echo "package-test: $f missing" >&2; exit 1; }
done
dpkg -I "$deb" | grep -E '^ (Package|Version|Depends|Recommends|Section|Installed-Size):'

command -v lintian >/dev/null || apt_ install -y -qq --no-install-recommends lintian >/dev/null
echo "package-test: lintian"
lintian --no-tag-display-limit "$deb" | tee target/package/lintian.txt || true
if grep -q '^E:' target/package/lintian.txt; then
  echo "package-test: lintian reports errors" >&2
  exit 1
fi

echo "package-test: installing"
start=$(date +%s%N)
apt_ install -y -qq "$deb" >/dev/null
echo "package-test: installed in $(( ($(date +%s%N) - start) / 1000000 )) ms"
galley --version
grep -E '^(Exec|Categories|MimeType)=' /usr/share/applications/Galley.desktop

# The user's database, made by the installed command line, must outlive the package.
home=$(mktemp -d)
HOME="$home" XDG_DATA_HOME="$home/.local/share" galley import /usr/share/galley/sample/tmt-digest-2023-06.txt --quiet >/dev/null
db="$home/.local/share/galley/galley.db"
[ -f "$db" ] || db=$(find "$home" -name galley.db | head -n 1)

echo "package-test: the installed app under Xvfb"
GALLEY_INSTALLED_APP=/usr/bin/galley-desktop \
  cargo test --workspace --locked --test window -- --ignored --nocapture the_installed_package_opens_on_the_sample

echo "package-test: purging"
apt_ purge -y -qq galley >/dev/null
! command -v galley-desktop >/dev/null || { echo "package-test: galley-desktop still installed" >&2; exit 1; }
[ -f "$db" ] || { echo "package-test: the user's database went with the package" >&2; exit 1; }
echo "package-test: purged; the user's database is still at $db"
rm -rf "$home"
