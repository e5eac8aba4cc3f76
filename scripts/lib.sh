# shellcheck shell=bash
# Shared by scripts/*.sh (sourced, not run): repo root, PATH, messages.
# Callers already run with `set -euo pipefail`.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT" || exit 1

# rustup and `cargo install` put their binaries here; a non-login shell may lack it on PATH.
if [ -d "${CARGO_HOME:-$HOME/.cargo}/bin" ]; then
  case ":$PATH:" in
    *":${CARGO_HOME:-$HOME/.cargo}/bin:"*) ;;
    *) PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" ;;
  esac
  export PATH
fi

if [ "${CI:-}" = true ]; then
  export CARGO_TERM_COLOR=never NO_COLOR=1 FORCE_COLOR=0 npm_config_color=false
fi
# npm's update nag and funding notes are noise in logs.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

say() { printf '%s: %s\n' "${SCRIPT_NAME:-salondesk}" "$*"; }
die() { printf '%s: ERROR: %s\n' "${SCRIPT_NAME:-salondesk}" "$*" >&2; exit 1; }

# say_size WHAT FILE [NOTE]: one "size:" line for an artifact CI builds; scripts/test.sh's
# summary repeats every such line from the stage logs, so each run reports its packages' sizes.
say_size() {
  local bytes
  bytes=$(stat -c %s "$2")
  say "size: $1: $(basename "$2") $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }') ($bytes bytes)${3:+; $3}"
}
