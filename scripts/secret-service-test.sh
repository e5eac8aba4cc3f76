#!/usr/bin/env bash
# Runs the Secret Service test (crates/salondesk-core/tests/it/crypt_keyring.rs) against a real
# GNOME Keyring: a private session bus (dbus-run-session) with gnome-keyring-daemon on it,
# unlocked with an empty password, its keyrings in a throwaway folder (XDG_DATA_HOME). Prints why and exits 0
# where no provider can start (a machine without the packages: scripts/setup.sh installs them).
#   scripts/secret-service-test.sh [cargo test flags, e.g. --locked]
set -euo pipefail
SCRIPT_NAME="secret-service" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    say "skipped: $tool not found (scripts/setup.sh installs dbus and gnome-keyring)"
    exit 0
  fi
done
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/run"
# shellcheck disable=SC2016 # expanded by the inner shell, on the private bus
XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run" \
  dbus-run-session -- bash -c '
    if ! eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"; then
      echo "secret-service: skipped: gnome-keyring-daemon did not start"
      exit 0
    fi
    # --workspace --tests: the features and binaries of `cargo test --workspace` (no rebuild).
    SALONDESK_TEST_SECRET_SERVICE=1 cargo test --workspace --tests "$@" \
      crypt_keyring:: -- --nocapture
  ' secret-service "$@" 2>&1 | grep -v "Failed to set fd limit"
