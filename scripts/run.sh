#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the UI and the app, starts it.
#   scripts/run.sh              debug build (compiles much faster than release)
#   scripts/run.sh --release    optimised build
# The app keeps its database in the OS app-data folder (Linux: ~/.local/share/com.salondesk.desk/);
# SALONDESK_DB=/path/file.sqlite3 scripts/run.sh uses that file instead.
set -euo pipefail
SCRIPT_NAME="run" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

profile=()
for arg in "$@"; do
  case "$arg" in
    --release) profile=(--release) ;;
    *) die "unknown option '$arg' (known: --release)" ;;
  esac
done

has_display=true
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  has_display=false
  say "NOTE: no display (\$DISPLAY is empty): SalonDesk is a desktop app and needs a graphical session."
  say "      Building anyway. To start it headless (e.g. over SSH): xvfb-run -a scripts/run.sh"
fi

bash scripts/setup.sh --no-test-tools
say "building the UI: npm --prefix ui run build"
npm --prefix ui run build
say "building the app: cargo build ${profile[*]:+${profile[*]} }--bin salondesk"
cargo build "${profile[@]}" --bin salondesk

if [ "$has_display" = false ]; then
  die "built, but not started: there is no display (\$DISPLAY is empty). Run it from a desktop session, or: xvfb-run -a scripts/run.sh"
fi
say "starting SalonDesk (database: ${SALONDESK_DB:-the OS app-data folder; set SALONDESK_DB to choose a file})"
exec cargo run "${profile[@]}" --bin salondesk
