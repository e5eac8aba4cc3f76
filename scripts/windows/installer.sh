#!/usr/bin/env bash
# The Windows installer: one release build of the app for x86_64-pc-windows-gnu, then Debian's
# makensis over scripts/windows/installer.nsi. Prints the installer's path and size.
# Run through `scripts/windows.sh installer` (which sets up the toolchain first).
# WEBVIEW2_BOOTSTRAPPER=/path/MicrosoftEdgeWebview2Setup.exe embeds Microsoft's bootstrapper
# (for stores without internet at install time); without it the installer downloads it if needed.
set -euo pipefail
SCRIPT_NAME="installer" # read by say/die in lib.sh
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

TARGET=x86_64-pc-windows-gnu
cargo_flags=()
[ "${CI:-}" = true ] && cargo_flags+=(--locked)

[ -f ui/dist/index.html ] || die "ui/dist is missing: run 'npm --prefix ui run build' first (the app embeds it)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ -n "$version" ] || die "no version in Cargo.toml's [workspace.package]"

# SALONDESK_RELEASE_PROFILE=ci-release (scripts/test.sh's stage) builds with CI's lighter release
# profile (Cargo.toml says why); the default, `release`, is what ships.
profile=${SALONDESK_RELEASE_PROFILE:-release}
# --bin alone: the installer needs the app only, and a release build of the CLI would double it.
cargo build "${cargo_flags[@]}" --profile "$profile" --target "$TARGET" --bin salondesk
out_dir=${CARGO_TARGET_DIR:-target}/$TARGET/$profile
[ -f "$out_dir/salondesk.exe" ] || die "the build made no $out_dir/salondesk.exe"
exe=$(realpath "$out_dir/salondesk.exe")

defines=(-DVERSION="$version" -DAPP_EXE="$exe" -DICON="$REPO_ROOT/assets/icons/icon.ico")
# The GNU target loads WebView2 through Microsoft's loader DLL, which the build puts beside the exe.
loader=$(find "$out_dir" -maxdepth 1 -name WebView2Loader.dll | head -1)
# Absolute: makensis resolves a relative path from the script's folder, not from here.
[ -n "$loader" ] && defines+=(-DWEBVIEW2_LOADER="$(realpath "$loader")")
if [ -n "${WEBVIEW2_BOOTSTRAPPER:-}" ]; then
  [ -f "$WEBVIEW2_BOOTSTRAPPER" ] || die "WEBVIEW2_BOOTSTRAPPER=$WEBVIEW2_BOOTSTRAPPER: no such file"
  defines+=(-DWEBVIEW2_BOOTSTRAPPER="$WEBVIEW2_BOOTSTRAPPER")
fi
bundle_dir=${CARGO_TARGET_DIR:-target}/bundle/nsis
mkdir -p "$bundle_dir"
setup_exe="$(realpath "$bundle_dir")/SalonDesk_${version}_x64-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 "${defines[@]}" -DOUT_FILE="$setup_exe" scripts/windows/installer.nsi
say "installer ($profile): $setup_exe"
say_size "the Windows installer" "$setup_exe" "the app alone: $(($(stat -c %s "$exe") / 1024 / 1024)) MB; $profile"
