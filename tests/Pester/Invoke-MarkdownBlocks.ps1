<#
.SYNOPSIS
    Runs every PowerShell code block of markdown files (README.md, about_KmsPowerShell.md) on the local KMS, each as
    DocExamples.psm1 runs documentation code. Prints one JSON object per block run: Page, Example (file:line), Ok, Error.
.NOTES
    Blocks in other languages (sh, text, ...) and blocks marked <!-- not run: reason --> are left out; blocks marked
    <!-- file: Name --> are written into the folder of every later block of their page instead of being run. Pester is
    imported with Run.Throw, so a block that runs a test file fails when a test of it fails.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string[]] $Markdown
)
$ErrorActionPreference = 'Stop'
# As installed: blocks import the module by name.
$env:PSModulePath = (Split-Path (Split-Path (Split-Path $ModulePath))) + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module $ModulePath
Import-Module $PesterPath
Import-Module (Join-Path $PSScriptRoot 'DocExamples.psm1')
$global:PesterPreference = New-PesterConfiguration
$PesterPreference.Run.Throw = $true
$PesterPreference.Output.Verbosity = 'None'

foreach ($path in $Markdown) {
    $files = @{}
    foreach ($block in Get-MarkdownCodeBlock -Path $path | Where-Object { $_.IsPowerShell -and -not $_.NotRun }) {
        if ($block.FileName) { $files[$block.FileName] = $block.Code; continue }
        Invoke-DocExample -Page $block.File -Name "$($block.File):$($block.Line)" -Code $block.Code -Setup $block.Setup -Files $files
    }
}
