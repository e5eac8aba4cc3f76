#!/usr/bin/env bash
# Windows builds and tests from Linux: the x86_64-pc-windows-gnu target with Debian's mingw-w64
# (the MSVC target needs Microsoft's libraries, which cannot be fetched here) and Wine 8 to run
# what was built. Idempotent: a second `setup` checks and does nothing.
#   scripts/windows.sh setup            apt packages, the rustup target, a Wine prefix with the shim
#   scripts/windows.sh core-test [ARGS] the core's unit and integration tests, run under Wine
#                                        (ARGS go to the test binaries, e.g. a name filter;
#                                        SALONDESK_TEST_PROFILE=ci-release builds them with that profile)
#   scripts/windows.sh build            the CLI and the app (debug .exe files)
#   scripts/windows.sh installer        the release app, its NSIS installer (scripts/windows/installer.nsi),
#                                        installed and uninstalled under Wine (installer-test.sh)
#   scripts/windows.sh run EXE [ARGS]   run a Windows program under the prefix
# The Wine prefix lives in $SALONDESK_WINEPREFIX (default ~/.cache/salondesk/wine).
set -euo pipefail
SCRIPT_NAME="windows" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

TARGET=x86_64-pc-windows-gnu
WINE=/usr/lib/wine/wine64 # Debian's wine64 puts no wine64 on PATH
export WINEPREFIX=${SALONDESK_WINEPREFIX:-$HOME/.cache/salondesk/wine}
export WINEDEBUG=${WINEDEBUG:--all}
# Wine's first start offers to install Mono and Gecko (downloads, then dialogs): neither is
# needed for console programs, so both are switched off.
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}

cargo_flags=()
[ "${CI:-}" = true ] && cargo_flags+=(--locked)

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

setup() {
  local pkgs=(gcc-mingw-w64-x86-64 wine64 nsis perl make) missing=() pkg status
  for pkg in "${pkgs[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    [[ "$status" == ii* ]] || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "apt: ${pkgs[*]} present"
  else
    say "apt: installing ${missing[*]}"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if rustup target list --installed | grep -qx "$TARGET"; then
    say "rustup: $TARGET present"
  else
    say "rustup: adding $TARGET"
    rustup target add "$TARGET"
  fi
  local sys32="$WINEPREFIX/drive_c/windows/system32"
  if [ ! -d "$sys32" ]; then
    say "wine: creating the prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    # Wine lays out a missing prefix before it runs anything; `cmd /c ver` is just something to run.
    "$WINE" cmd.exe /c ver >/dev/null 2>&1 || die "wine could not create the prefix $WINEPREFIX"
    /usr/lib/wine/wineserver -w
  fi
  # The ProcessPrng shim (scripts/windows/processprng.c says why), rebuilt when its source changes.
  local src=scripts/windows/processprng.c def=scripts/windows/processprng.def stamp want
  stamp="$WINEPREFIX/.salondesk-shim"
  want=$(cat "$src" "$def" | sha256sum | cut -d' ' -f1)
  if [ -f "$sys32/bcryptprimitives.dll" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    say "wine: ProcessPrng shim present"
  else
    x86_64-w64-mingw32-gcc -O2 -s -shared -o "$sys32/bcryptprimitives.dll" "$src" "$def" -ladvapi32
    printf '%s\n' "$want" >"$stamp"
    say "wine: ProcessPrng shim built into $sys32"
  fi
}

# cargo runs each Windows test binary under Wine (the prefix and its settings are exported above).
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE"

case "${1:-}" in
  setup) setup ;;
  run)
    shift
    exec "$WINE" "$@"
    ;;
  core-test)
    shift
    setup
    # Debug by default, like the Linux tests: one build serves the unit and the integration tests.
    # SALONDESK_TEST_PROFILE=ci-release (scripts/test.sh's stage) builds them with the profile the
    # Windows installer's app is built with, so the two Windows stages compile OpenSSL, SQLCipher
    # and the crates they share once (docs/ci-timing.md); that profile keeps overflow checks and
    # debug assertions on in the core (Cargo.toml).
    profile_flags=()
    [ -n "${SALONDESK_TEST_PROFILE:-}" ] && profile_flags+=(--profile "$SALONDESK_TEST_PROFILE")
    cargo test "${cargo_flags[@]}" "${profile_flags[@]}" --target "$TARGET" -p salondesk-core -- "$@"
    ;;
  build)
    setup
    cargo build "${cargo_flags[@]}" --target "$TARGET" -p salondesk-cli -p salondesk
    ;;
  installer)
    setup
    bash scripts/windows/installer.sh
    version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
    bash scripts/windows/installer-test.sh "${CARGO_TARGET_DIR:-target}/bundle/nsis/SalonDesk_${version}_x64-setup.exe"
    ;;
  *) die "usage: scripts/windows.sh setup|core-test|build|installer|run EXE" ;;
esac
