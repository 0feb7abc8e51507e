; Inno Setup recipe for the casedesk Windows installer (Inno Setup 6.2 or newer).
;
; Build the PyInstaller onedir bundle first (packaging\README.md, "Windows"), then from the
; repository root:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\casedesk.iss
; The installer is written to dist\casedesk-<version>-setup.exe.
;
; It installs per user by default (no administrator rights needed; the user may choose "for all
; users" in the dialog), adds a Start-menu entry, optionally a desktop icon, registers the
; .casedesk file type, and puts casedesk-cli.exe on nobody's PATH (firms that script casedesk
; call it by its full path).  Uninstalling leaves case files, settings and logs alone.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "casedesk"
#define BundleDir "..\..\dist\casedesk"

[Setup]
; Keep this AppId for every release: it is how Windows recognises an upgrade.
AppId={{6C1E5E0B-2F1D-4D4A-9B1C-CA5ED35C0001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=casedesk developers
AppPublisherURL=https://www.gnu.org/licenses/gpl-3.0.html
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\resources\icons\casedesk.ico
UninstallDisplayIcon={app}\casedesk.exe
OutputDir=..\..\dist
OutputBaseFilename=casedesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "greek"; MessagesFile: "compiler:Languages\Greek.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller onedir folder: casedesk.exe (windowed), casedesk-cli.exe (console),
; _internal\ (Python, Qt, SQLCipher, casedesk's resources and forms).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\THIRD_PARTY.md"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[InstallDelete]
; A new version replaces the old _internal folder whole (no stale modules from the last one).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\casedesk.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\casedesk.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a .casedesk file opens it in casedesk (per user, or machine-wide when
; installed for all users: HKA follows the install mode).
Root: HKA; Subkey: "Software\Classes\.casedesk"; ValueType: string; ValueName: ""; ValueData: "casedesk.CaseFile"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\casedesk.CaseFile"; ValueType: string; ValueName: ""; ValueData: "casedesk case file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\casedesk.CaseFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\casedesk.exe,0"
Root: HKA; Subkey: "Software\Classes\casedesk.CaseFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\casedesk.exe"" gui ""%1"""

[Run]
Filename: "{app}\casedesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
