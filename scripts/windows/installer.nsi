; SalonDesk's Windows installer, built on Linux by Debian's makensis (scripts/windows/installer.sh).
; Not Tauri's NSIS bundler: that one insists on downloading its plugin DLL (nsis_tauri_utils.dll,
; checked against a fixed hash) from GitHub on every machine, which cannot be reached here.
;
; What it does:
; - installs for the current user only (no administrator rights asked): the program under
;   %LOCALAPPDATA%\Programs\SalonDesk, a Start menu entry, an entry in "Apps & features";
; - makes sure the WebView2 runtime is there (Windows 11 has it; Windows 10 usually has it
;   through Edge): if not, runs Microsoft's bootstrapper, embedded when the build was given one
;   (WEBVIEW2_BOOTSTRAPPER), else downloaded at install time;
; - the uninstaller removes the program and asks whether to remove the store's data too,
;   defaulting to keep it (a silent uninstall, /S, keeps it): the database, its key file and the
;   backups in %APPDATA%\com.salondesk.desk are the store's records, not the program's.
;
; makensis -DVERSION=0.1.0 -DAPP_EXE=path\salondesk.exe -DOUT_FILE=... [-DWEBVIEW2_LOADER=...]
; [-DWEBVIEW2_BOOTSTRAPPER=...] [-DICON=...] installer.nsi

; A 64-bit installer (the app is 64-bit only): it also runs under Wine's wine64, so CI installs
; and uninstalls it (scripts/windows/installer-test.sh).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is required (-DVERSION=x.y.z)"
!endif
!ifndef APP_EXE
  !error "APP_EXE is required (-DAPP_EXE=path/to/salondesk.exe)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "SalonDesk_${VERSION}_x64-setup.exe"
!endif

!define PRODUCT "SalonDesk"
!define IDENTIFIER "com.salondesk.desk" ; Tauri's app data folder is named after it
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
; The WebView2 runtime's client id, under EdgeUpdate (Microsoft's documented check).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "SalonDesk"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_FINISHPAGE_RUN "$INSTDIR\salondesk.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Chinese first: the installer speaks the system's language, else the first listed.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString WebView2Missing ${LANG_SIMPCHINESE} "正在安装 Microsoft Edge WebView2 运行时……"
LangString WebView2Missing ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 runtime…"
LangString WebView2Failed ${LANG_SIMPCHINESE} "WebView2 运行时安装失败。请连接网络后重新运行安装程序，或从微软网站安装 WebView2 运行时。"
LangString WebView2Failed ${LANG_ENGLISH} "The WebView2 runtime could not be installed. Connect to the internet and run this installer again, or install the WebView2 runtime from Microsoft's website."
LangString AppRunning ${LANG_SIMPCHINESE} "SalonDesk 正在运行。请先关闭（交班后），再点“重试”。"
LangString AppRunning ${LANG_ENGLISH} "SalonDesk is running. Close it first (after the shift), then choose Retry."
LangString DeleteData ${LANG_SIMPCHINESE} "是否同时删除本店数据（数据库、密钥文件和备份）？$\n$\n删除后无法恢复。如果只是重装或升级，请选“否”。"
LangString DeleteData ${LANG_ENGLISH} "Also delete the store's data (the database, its key file and the backups)?$\n$\nThis cannot be undone. To reinstall or upgrade, choose No."

; An update started by the app's updater (README "Updates") passes /UPDATE and /R (start the
; app again when done): the till comes back by itself after the cashier's "Install now".
Function .onInstSuccess
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/R" $1
  ${IfNot} ${Errors}
    Exec '"$INSTDIR\salondesk.exe"'
  ${EndIf}
FunctionEnd

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "SalonDesk needs 64-bit Windows 10 or 11."
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

; True (1) on the stack when the WebView2 runtime is installed for the machine or this user.
Function HasWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    Push 0
  ${Else}
    Push 1
  ${EndIf}
FunctionEnd

Section "Install"
  SetShellVarContext current
  ; An open till holds the exe: overwriting it would fail half way.
  retry:
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\salondesk.exe"
    FileOpen $0 "$INSTDIR\salondesk.exe" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}

  SetOutPath "$INSTDIR"
  File "/oname=salondesk.exe" "${APP_EXE}"
  !ifdef WEBVIEW2_LOADER
    File "/oname=WebView2Loader.dll" "${WEBVIEW2_LOADER}"
  !endif
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\salondesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "SalonDesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\salondesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  Call HasWebView2
  Pop $1
  ${If} $1 == 0
    DetailPrint "$(WebView2Missing)"
    InitPluginsDir
    !ifdef WEBVIEW2_BOOTSTRAPPER
      File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_BOOTSTRAPPER}"
    !else
      ; NSIS's own download plugin speaks plain HTTP only; PowerShell (on every Windows 10/11)
      ; fetches Microsoft's bootstrapper over HTTPS.
      nsExec::ExecToLog 'powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; Invoke-WebRequest -UseBasicParsing -Uri https://go.microsoft.com/fwlink/p/?LinkId=2124703 -OutFile $\'$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe$\'"'
      Pop $2
    !endif
    ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $2
    Call HasWebView2
    Pop $1
    ${If} $1 == 0
      MessageBox MB_ICONEXCLAMATION "$(WebView2Failed)" /SD IDOK
    ${EndIf}
  ${EndIf}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\salondesk.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The store's data stays unless she says otherwise; silent uninstalls keep it.
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "$(DeleteData)" /SD IDNO IDNO keep
    RMDir /r "$APPDATA\${IDENTIFIER}"
    RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
  keep:
SectionEnd
