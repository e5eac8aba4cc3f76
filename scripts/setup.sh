#!/usr/bin/env bash
# Installs everything SalonDesk's app and its tests need on Debian/Ubuntu, idempotently:
# a second run checks and does nothing. Downloads only from apt, npm and crates.io.
#   scripts/setup.sh                 app + test tools
#   scripts/setup.sh --no-test-tools app only (skips tauri-driver and the e2e test packages)
set -euo pipefail
SCRIPT_NAME="setup" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

test_tools=true
for arg in "$@"; do
  case "$arg" in
    --no-test-tools) test_tools=false ;;
    *) die "unknown option '$arg' (known: --no-test-tools)" ;;
  esac
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: run as root or install sudo"
  sudo_cmd=(sudo)
fi

# --- System packages (WebKitGTK/GTK for Tauri, Xvfb + WebKitWebDriver for the e2e tests,
#     CJK fonts so Chinese does not render as boxes, a Secret Service provider for the
#     keyring test). libayatana-appindicator3-dev, not
#     libappindicator3-dev, which has no candidate on current Debian.
apt_packages=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  libssl-dev libdbus-1-dev pkg-config build-essential file xvfb xauth imagemagick webkit2gtk-driver
  fonts-noto-cjk
  # A real Secret Service for the credential-store test (scripts/secret-service-test.sh).
  dbus gnome-keyring
)
missing=()
for pkg in "${apt_packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$pkg")
done
# Node/npm by command, not by package: NodeSource's nodejs bundles npm (and conflicts with
# Debian's npm package), so only a machine without them gets Debian's.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  say "apt: all ${#apt_packages[@]} system packages present"
else
  say "apt: installing ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt: done"
fi

# --- Toolchains that apt cannot provide at the needed version: check and explain.
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node $(node -v) is too old: the UI (Vite 7) and the e2e tests need Node >= 20"
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup, stable >= 1.85) and re-run"
cargo fmt --version >/dev/null 2>&1 || die "rustfmt missing: rustup component add rustfmt"
cargo clippy --version >/dev/null 2>&1 || die "clippy missing: rustup component add clippy"
say "toolchains: node $(node -v), npm $(npm -v), $(cargo -V | cut -d' ' -f1-2)"

# --- npm packages. `npm ci` wipes and reinstalls node_modules, so it runs only when the lock
# file (or Node's version) changed since the last install; a stamp in node_modules records it.
npm_ci_if_stale() {
  local dir=$1
  [ -f "$dir/package.json" ] || die "$dir/package.json is missing"
  [ -f "$dir/package-lock.json" ] || die "$dir/package-lock.json is missing: run 'npm install' in $dir and commit the lock file"
  local want stamp="$dir/node_modules/.salondesk-npm-ci"
  want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1) node $(node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "npm: $dir/node_modules up to date"
    return
  fi
  say "npm: npm ci in $dir"
  local out
  out=$(mktemp)
  if ! npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >"$out" 2>&1; then
    # A registry mirror lacking some other platforms' optional packages (e.g.
    # @rollup/rollup-android-*) makes `npm install` write a lock without them, and `npm ci` then
    # rejects that lock as out of sync. `npm install --no-save` installs from the same lock and
    # leaves it untouched. (The committed lock lists every platform's, so `npm ci` takes it.)
    grep -m3 -E 'npm error (code|Missing|.*in sync)' "$out" | sed 's/^/    /' || true
    say "npm: npm ci refused $dir/package-lock.json; installing from it with npm install --no-save"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error
  fi
  rm -f "$out"
  printf '%s\n' "$want" >"$stamp"
}
npm_ci_if_stale ui

if [ "$test_tools" = true ]; then
  # --- tauri-driver: the WebDriver bridge between the tests and the app (wraps WebKitWebDriver).
  if command -v tauri-driver >/dev/null; then
    say "tauri-driver: present ($(command -v tauri-driver))"
  else
    say "tauri-driver: cargo install tauri-driver --locked (about a minute)"
    cargo install tauri-driver --locked --quiet
    command -v tauri-driver >/dev/null || die "tauri-driver installed but not on PATH (add ${CARGO_HOME:-$HOME/.cargo}/bin)"
  fi
  npm_ci_if_stale tests/e2e
fi
say "ready"
