<#
.SYNOPSIS
    Packs a built module folder into a PowerShell Gallery ready .nupkg with PSResourceGet.
.DESCRIPTION
    Registers a temporary file repository at -OutputFolder, publishes the module to it (which writes
    <Name>.<Version>.nupkg there) and unregisters it. Run it in its own pwsh process: on Linux and macOS it points
    PSResourceGet at a private data folder, so the user's list of repositories is never touched.
.EXAMPLE
    pwsh -File tools/Publish-ModulePackage.ps1 -ModuleFolder out/KmsPowerShell/0.1.0 -OutputFolder out/package
#>
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $OutputFolder
)

$ErrorActionPreference = 'Stop'
# The folder must exist: .NET ignores a data folder that does not, and PSResourceGet would write beside the working folder.
$private = (New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "kmsps-psresourceget-$PID")).FullName
if (-not $IsWindows) { $env:XDG_DATA_HOME = $private }

$manifest = Get-ChildItem $ModuleFolder -Filter '*.psd1' | Select-Object -First 1
if (-not $manifest) { throw "$ModuleFolder holds no module manifest: build the module first." }
Test-ModuleManifest $manifest.FullName | Out-Null

# PSResourceGet names the package after the folder it publishes, so stage the module in a folder of its own name.
$staging = Join-Path $private $manifest.BaseName
New-Item -ItemType Directory -Force $staging | Out-Null
Copy-Item (Join-Path $ModuleFolder '*') $staging -Recurse

Remove-Item $OutputFolder -Recurse -Force -ErrorAction Ignore
New-Item -ItemType Directory -Force $OutputFolder | Out-Null
$repository = "KmsPowerShellBuild$PID"
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $OutputFolder).Path -Trusted
try {
    Publish-PSResource -Path $staging -Repository $repository
}
finally {
    Unregister-PSResourceRepository -Name $repository
    Remove-Item $private -Recurse -Force -ErrorAction Ignore
}
Get-ChildItem $OutputFolder -Filter '*.nupkg'
