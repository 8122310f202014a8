<#
.SYNOPSIS
    Runs the examples of the help pages on the local KMS, each as DocExamples.psm1 runs documentation code: in a fresh
    folder with a local KMS of its own. Prints one JSON object per example: Page, Example, Ok, Error.
.NOTES
    Run in a non-interactive pwsh: an example that prompts fails instead of waiting.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Docs,
    # "Page Example N" lines: only these examples run. All of them when omitted.
    [string[]] $Only
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'DocExamples.psm1')

foreach ($page in Get-ChildItem $Docs -Filter '*-*.md' | Sort-Object Name) {
    $examples = [regex]::Matches((Get-Content -Raw $page.FullName), '(?ms)^### (Example \d+)[^\n]*\n```powershell\n(.*?)\n```')
    foreach ($example in $examples) {
        $name = "$($page.BaseName) $($example.Groups[1].Value)"
        if ($Only -and $name -notin $Only) { continue }
        # Commands follow the PS prompt (or a >> continuation); the other lines show output.
        $code = ($example.Groups[2].Value -split "`n" | Where-Object { $_ -match '^(PS [^>]*> |>> )' } |
            ForEach-Object { $_ -replace '^(PS [^>]*> |>> )', '' }) -join "`n"
        Invoke-DocExample -Page $page.BaseName -Name $name -Code $code
    }
}
