#!/usr/bin/env bash
# Installs SETUP_EXE silently into a throwaway Wine prefix, checks what a per-user install leaves
# (the program, the Start menu entry, the "Apps & features" entry), then uninstalls it silently and
# checks the program went and the store's data stayed. About 15 s.
#   scripts/windows/installer-test.sh path/to/SalonDesk_x.y.z_x64-setup.exe
set -euo pipefail
SCRIPT_NAME="installer-test" # read by say/die in lib.sh
setup_exe=$(realpath "${1:?usage: installer-test.sh SETUP_EXE}")
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

WINE=/usr/lib/wine/wine64
WINEPREFIX=$(mktemp -d /tmp/salondesk-installer-test.XXXXXX)
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
trap '/usr/lib/wine/wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
user=$(id -un)
local_app="$WINEPREFIX/drive_c/users/$user/AppData/Local"
roaming="$WINEPREFIX/drive_c/users/$user/AppData/Roaming"
install_dir="$local_app/Programs/SalonDesk"
shortcut="$roaming/Microsoft/Windows/Start Menu/Programs/SalonDesk.lnk"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SalonDesk'
checks=0
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  "$@" || die "FAILED: $what"
  checks=$((checks + 1))
  say "ok: $what"
}

# Without WebView2 (Wine has none) the installer tries to fetch it and says it could not: in
# silent mode that message is skipped, and the install goes on.
"$WINE" "$setup_exe" /S
check "the program is installed per user, under %LOCALAPPDATA%\\Programs" test -f "$install_dir/salondesk.exe"
check "the uninstaller is installed beside it" test -f "$install_dir/uninstall.exe"
check "the Start menu has an entry" test -f "$shortcut"
check "Apps & features lists it, for this user (HKCU)" "$WINE" reg query "$key" /v UninstallString >/dev/null

# The store's data, as the app leaves it in %APPDATA%\com.salondesk.desk.
mkdir -p "$roaming/com.salondesk.desk/backups"
echo "not really a database" >"$roaming/com.salondesk.desk/salondesk.sqlite3"
# `_?=` runs the uninstaller in place and waits for it (otherwise it copies itself and returns).
"$WINE" "$install_dir/uninstall.exe" /S "_?=C:\\users\\$user\\AppData\\Local\\Programs\\SalonDesk"
check "uninstalling removes the program" test ! -e "$install_dir/salondesk.exe"
check "uninstalling removes the Start menu entry" test ! -e "$shortcut"
check "uninstalling removes the Apps & features entry" bash -c "! '$WINE' reg query '$key' >/dev/null 2>&1"
check "a silent uninstall keeps the store's data" test -f "$roaming/com.salondesk.desk/salondesk.sqlite3"
printf '%d passed, 0 failed\n' "$checks"
