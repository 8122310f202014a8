<#
.SYNOPSIS
    Writes the shipped copy of KmsPowerShell.psd1 into a built module folder.
.DESCRIPTION
    Stamps the version, the list of every file the module folder holds, and the gallery metadata (release notes from
    docs/CHANGELOG.md and tags derived from what the manifest exports) into the template at the repository's root.
    Called by build.ps1 after the module folder is laid out and again after the help is compiled into it.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleFolder,
    [Parameter(Mandatory)] [string] $Version
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

function Get-GalleryTags([string] $Template) {
    # The tags the PowerShell Gallery and Find-PSResource -CommandName search by, derived from what the manifest exports.
    $data = Import-PowerShellDataFile $Template
    $derived = @($data.CompatiblePSEditions | ForEach-Object { "PSEdition_$_" }) + 'PSIncludes_Cmdlet' +
        @($data.CmdletsToExport | ForEach-Object { "PSCmdlet_$_" }) + @($data.CmdletsToExport | ForEach-Object { "PSCommand_$_" })
    @($data.PrivateData.PSData.Tags) + $derived | Select-Object -Unique
}

function Get-ReleaseNotes([string] $Version) {
    # The section of docs/CHANGELOG.md headed by this version: the one place release notes are written.
    $changelog = Get-Content -Raw (Join-Path $root 'docs/CHANGELOG.md')
    $section = [regex]::Match($changelog, "(?ms)^## $([regex]::Escape($Version))[ \t]*\r?\n(.*?)(?=^## |\z)")
    if (-not $section.Success -or -not $section.Groups[1].Value.Trim()) { throw "docs/CHANGELOG.md has no '## $Version' section: write the release notes of this version there." }
    "KmsPowerShell $Version`n`n$($section.Groups[1].Value.Trim())"
}

$template = Join-Path $root 'KmsPowerShell.psd1'
$files = Get-ChildItem $ModuleFolder -Recurse -File | Where-Object Name -ne 'KmsPowerShell.psd1' |
    ForEach-Object { "'$([IO.Path]::GetRelativePath($ModuleFolder, $_.FullName).Replace('\', '/'))'" } | Sort-Object
$fileList = "@(`n        'KmsPowerShell.psd1'`n        $($files -join "`n        ")`n    )"
$tags = "@(`n                $((Get-GalleryTags $template | ForEach-Object { "'$_'" }) -join "`n                ")`n            )"
$notes = (Get-ReleaseNotes $Version).Replace("'", "''")
$manifest = (Get-Content -Raw $template) `
    -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$Version'" `
    -replace 'FileList(\s*)=(\s*)@\(\)', "FileList`$1=`$2$fileList" `
    -replace 'Tags(\s*)=(\s*)@\([^)]*\)', { "Tags$($_.Groups[1])=$($_.Groups[2])$tags" } `
    -replace "ReleaseNotes(\s*)=(\s*)''", { "ReleaseNotes$($_.Groups[1])=$($_.Groups[2])'$notes'" }
Set-Content -Path (Join-Path $ModuleFolder 'KmsPowerShell.psd1') -Value $manifest -Encoding utf8NoBOM
