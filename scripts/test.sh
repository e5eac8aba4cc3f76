#!/usr/bin/env bash
# The README's second command: every check CI runs, in order, stopping at the first failure.
#   scripts/test.sh                 all stages
#   scripts/test.sh STAGE...        only these (setup always runs first), e.g. `ui-build app e2e`
# Stages: fmt ui-build ui-test clippy postgres cargo-test keyring app e2e desk-bench packages
# windows-core windows-app.
# `postgres` starts a throwaway PostgreSQL on a loopback port (scripts/pg.sh) for the sync
# server's tests in cargo-test; it stays up afterwards (`scripts/pg.sh stop` ends it).
# Each stage's output is also kept in target/test-logs/<stage>.log; e2e screenshots (and, on a
# failure, the page source) go to target/e2e/.
set -euo pipefail
SCRIPT_NAME="test" # read by say/die in lib.sh
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

all_stages=(fmt ui-build ui-test clippy postgres cargo-test keyring app e2e desk-bench packages windows-core windows-app)
if [ $# -gt 0 ]; then
  for stage in "$@"; do
    [[ " ${all_stages[*]} " == *" $stage "* ]] || die "unknown stage '$stage' (stages: ${all_stages[*]})"
  done
  stages=(setup "$@")
else
  stages=(setup "${all_stages[@]}")
fi

# A fresh clone must build with the committed Cargo.lock as it is.
cargo_flags=()
[ "${CI:-}" = true ] && cargo_flags+=(--locked)

stage_command() {
  case "$1" in
    setup) echo bash scripts/setup.sh ;;
    fmt) echo cargo fmt --all --check -- --color=never ;;
    ui-build) echo npm --prefix ui run build ;;
    ui-test) echo npm --prefix ui test ;;
    clippy) echo cargo clippy --workspace --all-targets "${cargo_flags[@]}" -- -D warnings ;;
    postgres) echo bash scripts/pg.sh start ;;
    cargo-test) echo cargo test --workspace "${cargo_flags[@]}" ;;
    # The credential-store test against a real GNOME Keyring on a private session bus (it
    # skips itself, saying why, in cargo-test); the test binaries are those cargo-test built.
    keyring) echo bash scripts/secret-service-test.sh "${cargo_flags[@]}" ;;
    # --workspace --all-targets selects the same features as `cargo test --workspace` (dev-deps
    # included), so the app links from the artifacts the tests built; `--bin salondesk` alone
    # resolves other features and recompiles ~40 crates (tauri, gtk, ...) for 3+ minutes.
    app) echo cargo build --workspace --all-targets "${cargo_flags[@]}" ;;
    # The harness starts its own Xvfb, tauri-driver and app per test file, and ends them.
    e2e) echo npm --prefix tests/e2e test ;;
    # The desk latency benchmark once on a tiny database (debug app, 3 inputs each, one cold
    # start): proves it still runs end to end, not a measurement (~1 min; README "Desk latency").
    desk-bench) echo npm --prefix tests/e2e run bench:ci ;;
    # The core's unit and integration tests built for Windows (x86_64-pc-windows-gnu) and run
    # under Wine (README "Windows"), built with CI's release profile (overflow checks and debug
    # assertions kept on in the core, Cargo.toml): windows-app's build then reuses their
    # OpenSSL, SQLCipher and shared crates instead of compiling them a second time in another
    # profile (docs/ci-timing.md).
    windows-core) echo env SALONDESK_TEST_PROFILE=ci-release bash scripts/windows.sh core-test ;;
    # One release build of the app for Windows, its NSIS installer (size printed), and the
    # installer installed and uninstalled under Wine.
    # CI's lighter release profile ([profile.ci-release] in Cargo.toml): shipping builds, made
    # by hand, use the release profile.
    windows-app) echo env SALONDESK_RELEASE_PROFILE=ci-release bash scripts/windows.sh installer ;;
    # One release build of the app and the server for Linux: the .deb (over 15 MB fails) and
    # the server's tarball (binary + systemd unit), sizes printed here and in the summary.
    packages) echo env SALONDESK_RELEASE_PROFILE=ci-release bash scripts/packages.sh ;;
  esac
}

log_dir=target/test-logs
rm -rf "$log_dir"
mkdir -p "$log_dir"
passed=0 failed=0 skipped=0
timings=()
started=$SECONDS

# Adds the test counts a stage's log reports: cargo test ("test result: ok. 5 passed; 0 failed;
# 1 ignored"), Vitest ("Tests  1 failed | 11 passed (12)") and node --test ("ℹ pass 3").
count_tests() {
  local counts
  counts=$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" | awk '
    /^test result: / || /^[[:space:]]*Tests[[:space:]]+[0-9]/ {
      for (i = 2; i <= NF; i++) {
        if ($i ~ /^passed/) p += $(i - 1)
        if ($i ~ /^failed/) f += $(i - 1)
        if ($i ~ /^(ignored|skipped)/) s += $(i - 1)
      }
    }
    ($1 == "ℹ" || $1 == "#") && NF == 3 && $3 ~ /^[0-9]+$/ {
      if ($2 == "pass") p += $3
      if ($2 == "fail" || $2 == "cancelled") f += $3
      if ($2 == "skipped" || $2 == "todo") s += $3
    }
    END { printf "%d %d %d\n", p, f, s }')
  read -r p f s <<<"$counts"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

summary() {
  local outcome=$1
  printf '\n==== summary ====\n'
  printf '  %s\n' "${timings[@]}"
  printf 'total %ds; logs in %s/; e2e screenshots in target/e2e/\n' "$((SECONDS - started))" "$log_dir"
  # The packages' sizes (the "size:" lines of scripts/packages.sh and the Windows installer).
  grep -h '^[a-z-]*: size: ' "$log_dir"/*.log 2>/dev/null | sed 's/^[a-z-]*: size: /  size /' || true
  printf '%s\n' "$outcome"
  printf 'tests: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
}

# The sync tests (tests/sync) find the throwaway PostgreSQL here; they start it themselves
# when run on their own without it.
SALONDESK_TEST_DATABASE_URL=${SALONDESK_TEST_DATABASE_URL:-$(bash scripts/pg.sh url)}
export SALONDESK_TEST_DATABASE_URL

n=0
for stage in "${stages[@]}"; do
  n=$((n + 1))
  read -r -a cmd <<<"$(stage_command "$stage")"
  printf '\n==== [%d/%d] %s: %s ====\n' "$n" "${#stages[@]}" "$stage" "${cmd[*]}"
  t0=$SECONDS
  rc=0
  "${cmd[@]}" 2>&1 | tee "$log_dir/$stage.log" || rc=$?
  count_tests "$log_dir/$stage.log"
  if [ "$rc" -ne 0 ]; then
    timings+=("$(printf '%-10s FAILED (exit %d) after %ds' "$stage" "$rc" "$((SECONDS - t0))")")
    summary "FAILED at stage '$stage' (exit $rc): see above or $log_dir/$stage.log"
    exit "$rc"
  fi
  timings+=("$(printf '%-10s ok  %4ds' "$stage" "$((SECONDS - t0))")")
done
summary "OK: all ${#stages[@]} stages passed"
