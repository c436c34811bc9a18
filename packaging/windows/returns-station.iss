; Inno Setup script for the Windows station. PREPARED, NOT RUN: this project's machines are Linux;
; .github/workflows/windows.yml builds it on a Windows runner (Inno Setup 6, iscc).
;
; Interactive:  returns-station-setup-0.1.0.exe
; Silent, IT:   returns-station-setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART ^
;                   /PROVISION="\\fileserver\stations\DOCK-1.toml" /TOKEN=3bq0Qx7M2yJd1s9uKzV0ww
;
; /PROVISION copies the provisioning file to %PROGRAMDATA%\returns-station\station.toml (machine-wide,
; read by every user's station); /TOKEN enrols the station right after installing. The install runs
; `returns-station-cli.exe --self-test` last and writes its report next to the setup log.

#define AppName "Returns Station"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define SourceDir "..\..\dist\returns-station"

[Setup]
AppId={{6F1C2B8E-6A3D-4C51-9B7E-5D2F0A8C4E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Returns Station maintainers
DefaultDirName={autopf}\Returns Station
DefaultGroupName={#AppName}
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=returns-station-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\returns-station.exe
; An upgrade installs over the previous version in place; the data folder is never touched.
UsePreviousAppDir=yes
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Dirs]
Name: "{commonappdata}\returns-station"; Permissions: users-readexec

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\provisioning\station.example.toml"; DestDir: "{commonappdata}\returns-station"; Flags: onlyifdoesntexist
Source: "..\station.schema.json"; DestDir: "{commonappdata}\returns-station"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\returns-station.exe"
Name: "{commondesktop}\{#AppName}"; Filename: "{app}\returns-station.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\returns-station-cli.exe"; Parameters: "enroll --token {code:EnrollmentToken}"; \
    Flags: runhidden waituntilterminated; Check: HasEnrollmentToken; StatusMsg: "Enrolling the station..."
Filename: "{cmd}"; Parameters: "/C """"{app}\returns-station-cli.exe"" --self-test > ""{commonappdata}\returns-station\self-test.txt"" 2>&1"""; \
    Flags: runhidden waituntilterminated; StatusMsg: "Running the station self-test..."
Filename: "{app}\returns-station.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function ProvisioningFile(): String;
begin
  Result := ExpandConstant('{param:PROVISION|}');
end;

function EnrollmentToken(Param: String): String;
begin
  Result := ExpandConstant('{param:TOKEN|}');
end;

function HasEnrollmentToken(): Boolean;
begin
  Result := EnrollmentToken('') <> '';
end;

function InitializeSetup(): Boolean;
begin
  Result := True;
  if (ProvisioningFile() <> '') and not FileExists(ProvisioningFile()) then
  begin
    SuppressibleMsgBox('The provisioning file ' + ProvisioningFile() + ' does not exist.', mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Target: String;
begin
  if (CurStep = ssPostInstall) and (ProvisioningFile() <> '') then
  begin
    Target := ExpandConstant('{commonappdata}\returns-station\station.toml');
    if not FileCopy(ProvisioningFile(), Target, False) then
      Log('Could not copy the provisioning file to ' + Target);
  end;
end;
