#!/usr/bin/env bash
# The Linux packages, from ONE release build of the app and the server together (they share
# tokio, serde, rustls… so building them in one cargo call compiles those once):
#   - the app's .deb, by Tauri's bundler (`tauri bundle --bundles deb` over that build);
#   - the server: its binary, the systemd unit and the example settings in a tarball
#     (packaging/server/), checked with `systemd-analyze verify` where it is installed.
# Prints each artifact's path and size.
# SALONDESK_RELEASE_PROFILE=ci-release (what scripts/test.sh's stage uses) builds with CI's
# lighter release profile (Cargo.toml says why); the default, `release`, is what ships.
# AppImage: see the README ("Packages"): Tauri's AppImage
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
profile=${SALONDESK_RELEASE_PROFILE:-release}
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
# Issue 19's limit for the app's .deb: a bigger one fails the stage rather than slip by unseen.
deb_limit=$((15 * 1024 * 1024))

cargo build "${cargo_flags[@]}" --profile "$profile" -p salondesk -p salondesk-server
out="$target_dir/$profile"

# The app's .deb over the build above (no second compile; `tauri build` would start one).
# Tauri's bundler knows only target/release: for another profile it is shown a target folder
# whose release/ is that profile's output.
bundle_target=$target_dir
if [ "$profile" != release ]; then
  bundle_target="$target_dir/bundle-$profile"
  mkdir -p "$bundle_target"
  ln -sfn "../$profile" "$bundle_target/release"
fi
CARGO_TARGET_DIR=$bundle_target ui/node_modules/.bin/tauri bundle --bundles deb --ci
deb=$(ls -t "$out"/bundle/deb/*.deb | head -1)
dpkg-deb --info "$deb" >/dev/null || die "$deb is not a valid .deb"
dpkg-deb --contents "$deb" | grep -qE ' (\./)?usr/bin/salondesk$' || die "$deb has no /usr/bin/salondesk"

# The server: binary + unit + settings example.
server="$out/salondesk-server"
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
server_tar="$out/bundle/salondesk-server-${version}-linux-x86_64.tar.gz"
tar -C "$stage" -czf "$server_tar" "salondesk-server-$version"
rm -rf "$stage"

say "profile $profile; deb: $deb; server: $server_tar"
say_size "the app's .deb" "$deb" "limit 15 MB; the binary $(mb "$out/salondesk"); $profile"
say_size "the server's tarball" "$server_tar" "the binary $(mb "$server"), links: $(ldd "$server" 2>/dev/null | awk '{print $1}' | tr '\n' ' ')"
[ "$(stat -c %s "$deb")" -le "$deb_limit" ] || die "$deb is $(mb "$deb"), over the 15 MB limit (issue 19)"
