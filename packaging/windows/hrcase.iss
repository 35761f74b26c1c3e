; Inno Setup recipe of the hrcase installer for Windows (Inno Setup 6.3 or newer).
;
; Built by `python packaging\build.py --installer` after PyInstaller has made dist\hrcase\, or by hand:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=C:\src\hrcase\dist\hrcase /OC:\src\hrcase\dist packaging\windows\hrcase.iss
;
; The installer copies the application folder, adds Start-menu (and optionally desktop) shortcuts
; to hrcase-gui.exe (no console window) and offers to put hrcase.exe (the command line) on PATH.
; It installs per user by default (no administrator rights needed); an administrator may choose
; "for all users". Uninstalling removes the program only: vaults and settings are never touched.
; Inno Setup honours SOURCE_DATE_EPOCH for the time stamps it writes (set by build.py).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\hrcase"
#endif

[Setup]
; A fixed AppId: upgrades replace the earlier version in place. Never change it.
AppId={{6C0E4F9A-3B7D-4E55-9A7C-2D1F8B6A4E10}
AppName=hrcase
AppVersion={#AppVersion}
AppVerName=hrcase {#AppVersion}
AppPublisher=The hrcase developers
AppComments=Offline, encrypted case files for human-rights field researchers
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\hrcase
DefaultGroupName=hrcase
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=hrcase-{#AppVersion}-windows-amd64-setup
SetupIconFile=..\..\resources\icons\hrcase.ico
UninstallDisplayIcon={app}\hrcase-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
; The licence page shows the GPL text when the repository has it.
#if FileExists("..\..\LICENSE")
LicenseFile=..\..\LICENSE
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
; Inno Setup ships no Kazakh translation; Kazakh users get the Russian installer.

[CustomMessages]
en.AddToPath=Add the hrcase command line to PATH
ru.AddToPath=Добавить командную строку hrcase в PATH
en.GuideNote=hrcase keeps its vaults where you choose; uninstalling never deletes them.
ru.GuideNote=hrcase хранит хранилища там, где вы укажете; удаление программы их не затрагивает.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\hrcase"; Filename: "{app}\hrcase-gui.exe"; WorkingDir: "{userdocs}"; Comment: "Offline, encrypted case files"
Name: "{autodesktop}\hrcase"; Filename: "{app}\hrcase-gui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; PATH for the command line: per user (HKCU) or for all users (HKLM), as chosen at install time.
Root: HKA; Subkey: "{code:EnvironmentKey}"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\hrcase-gui.exe"; Description: "{cm:LaunchProgram,hrcase}"; Flags: nowait postinstall skipifsilent

[Code]
function EnvironmentKey(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function NeedsAddPath(Folder: String): Boolean;
var
  Current: String;
  Root: Integer;
begin
  if IsAdminInstallMode then Root := HKEY_LOCAL_MACHINE else Root := HKEY_CURRENT_USER;
  if not RegQueryStringValue(Root, EnvironmentKey(''), 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Folder) + ';', ';' + Uppercase(Current) + ';') = 0;
end;

procedure RemoveFromPath(Folder: String);
var
  Current: String;
  Root, P: Integer;
begin
  if IsAdminInstallMode then Root := HKEY_LOCAL_MACHINE else Root := HKEY_CURRENT_USER;
  if not RegQueryStringValue(Root, EnvironmentKey(''), 'Path', Current) then exit;
  P := Pos(';' + Uppercase(Folder), Uppercase(Current));
  if P > 0 then
  begin
    Delete(Current, P, Length(Folder) + 1);
    RegWriteExpandStringValue(Root, EnvironmentKey(''), 'Path', Current);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
