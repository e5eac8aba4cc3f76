#!/usr/bin/env bash
# The Linux packages, from ONE release build of the app and the server together (they share
# tokio, serde, rustls… so building them in one cargo call compiles those once):
#   - the app's .deb, by Tauri's bundler (`tauri bundle --bundles deb` over that build);
#   - the server: its binary, the systemd unit and the example settings in a tarball
#     (packaging/server/), checked with `systemd-analyze verify` where it is installed.
# Prints each artifact's path and size. AppImage: see the README ("Packages"): Tauri's AppImage
# bundler downloads linuxdeploy and its plugins from GitHub at bundle time, which CI cannot reach.
set -euo pipefail
SCRIPT_NAME="packages" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

cargo_flags=()
[ "${CI:-}" = true ] && cargo_flags+=(--locked)
[ -f ui/dist/index.html ] || die "ui/dist is missing: run 'npm --prefix ui run build' first (the app embeds it)"
[ -x ui/node_modules/.bin/tauri ] || die "Tauri's CLI is missing: run scripts/setup.sh (npm ci in ui/)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

cargo build "${cargo_flags[@]}" --release -p salondesk -p salondesk-server

# The app's .deb over the build above (no second compile; `tauri build` would start one).
ui/node_modules/.bin/tauri bundle --bundles deb --ci
deb=$(ls -t "$target_dir"/release/bundle/deb/*.deb | head -1)
dpkg-deb --info "$deb" >/dev/null || die "$deb is not a valid .deb"
dpkg-deb --contents "$deb" | grep -q ' ./usr/bin/salondesk$' || die "$deb has no /usr/bin/salondesk"

# The server: binary + unit + settings example.
server="$target_dir/release/salondesk-server"
"$server" --version >/dev/null || die "$server does not run"
if command -v systemd-analyze >/dev/null; then
  # verify wants the ExecStart binary where the unit says; check a copy that points at the build.
  unit_dir=$(mktemp -d)
  sed "s|/usr/local/bin/salondesk-server|$server|" packaging/server/salondesk-server.service >"$unit_dir/salondesk-server.service"
  systemd-analyze verify "$unit_dir/salondesk-server.service" 2>&1 | grep -v 'EnvironmentFile\|/etc/salondesk' || true
  rm -rf "$unit_dir"
fi
stage=$(mktemp -d)
mkdir -p "$stage/salondesk-server-$version"
cp "$server" packaging/server/salondesk-server.service packaging/server/server.env.example "$stage/salondesk-server-$version/"
server_tar="$target_dir/release/bundle/salondesk-server-${version}-linux-x86_64.tar.gz"
tar -C "$stage" -czf "$server_tar" "salondesk-server-$version"
rm -rf "$stage"

say "deb: $deb ($(mb "$deb"); target 15 MB)"
say "server: $server_tar ($(mb "$server_tar"); the binary $(mb "$server"), links: $(ldd "$server" 2>/dev/null | awk '{print $1}' | tr '\n' ' '))"
