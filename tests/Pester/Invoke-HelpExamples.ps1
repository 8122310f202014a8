<#
.SYNOPSIS
    Runs the examples of the help pages on the local KMS, each in a fresh folder with a fresh local KMS session, no
    faults, and a key behind every alias the example names. Prints one JSON object per example: Page, Example, Ok, Error.
.NOTES
    Run in a non-interactive pwsh: an example that prompts fails instead of waiting. Each example gets a local KMS of
    its own (a state file in its folder), so no example depends on what an earlier one made.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Docs,
    # "Page Example N" lines: only these examples run. All of them when omitted.
    [string[]] $Only
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

foreach ($page in Get-ChildItem $Docs -Filter '*-*.md' | Sort-Object Name) {
    $examples = [regex]::Matches((Get-Content -Raw $page.FullName), '(?ms)^### (Example \d+)[^\n]*\n```powershell\n(.*?)\n```')
    foreach ($example in $examples) {
        $name = "$($page.BaseName) $($example.Groups[1].Value)"
        if ($Only -and $name -notin $Only) { continue }
        # Commands follow the PS prompt (or a >> continuation); the other lines show output.
        $code = ($example.Groups[2].Value -split "`n" | Where-Object { $_ -match '^(PS [^>]*> |>> )' } |
            ForEach-Object { $_ -replace '^(PS [^>]*> |>> )', '' }) -join "`n"
        $folder = Join-Path ([IO.Path]::GetTempPath()) "kmsps-example-$([guid]::NewGuid().ToString('n'))"
        New-Item -ItemType Directory $folder | Out-Null
        Push-Location $folder
        try {
            Set-KmsLocalFault
            Connect-Kms -Local -Region us-east-1 -LocalStatePath (Join-Path $folder 'kms-state.json')
            foreach ($alias in [regex]::Matches($code, 'alias/[A-Za-z0-9/_-]+') | ForEach-Object Value | Sort-Object -Unique) {
                if (-not (Get-KmsKey -KeyId $alias -ErrorAction SilentlyContinue)) { New-KmsKey -Alias $alias | Out-Null }
            }
            $null = & ([scriptblock]::Create($code)) *>&1
            [pscustomobject]@{ Page = $page.BaseName; Example = $name; Ok = $true; Error = '' } | ConvertTo-Json -Compress
        }
        catch {
            [pscustomobject]@{ Page = $page.BaseName; Example = $name; Ok = $false; Error = "$_" } | ConvertTo-Json -Compress
        }
        finally {
            Pop-Location
            Remove-Item -Recurse -Force $folder -ErrorAction Ignore
        }
    }
}
