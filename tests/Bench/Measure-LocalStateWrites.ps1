<#
.SYNOPSIS
    New-KmsKey's rate on a local KMS kept in a state file, when the file holds one key and when it holds -Count keys:
    -Sample creates timed from each size, best of -Runs rounds (from one key: a fresh file each round; from -Count:
    the rounds follow each other, so the last starts at -Count + (-Runs - 1) * -Sample keys). Every create is saved (and flushed to disk) before it
    is answered, so this is the rate a state file allows. Prints one JSON object.
.EXAMPLE
    dotnet pwsh tests/Bench/Measure-LocalStateWrites.ps1 -ModulePath ./out/KmsPowerShell/0.1.0/KmsPowerShell.psd1
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 2000,
    [int] $Sample = 200,
    [int] $Runs = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$root = Join-Path ([IO.Path]::GetTempPath()) "kms-state-bench-$PID"

function Measure-Creates {
    $ms = (Measure-Command { for ($i = 0; $i -lt $Sample; $i++) { $null = New-KmsKey } }).TotalMilliseconds
    $Sample * 1000 / $ms
}

function Connect-Fresh([string] $Name) {
    $folder = Join-Path $root $Name
    $null = New-Item -ItemType Directory $folder -Force
    Connect-Kms -Local -LocalStatePath (Join-Path $folder 'state.json') -Region us-east-1
    $null = New-KmsKey   # warm-up: SDK, JIT and the first save
    $folder
}

try {
    # Near empty: a fresh state file each round, so every round starts from one key.
    $empty = for ($run = 0; $run -lt $Runs; $run++) { $null = Connect-Fresh "empty-$run"; Measure-Creates; Disconnect-Kms }
    $folder = Connect-Fresh 'full'
    for ($i = 1; $i -lt $Count; $i++) { $null = New-KmsKey }
    $full = for ($run = 0; $run -lt $Runs; $run++) { Measure-Creates }
    $files = @(Get-ChildItem $folder -Force | ForEach-Object { '{0} {1}' -f $_.Name, $_.Length })
    Disconnect-Kms
    $best = { param($rates) [math]::Round(($rates | Measure-Object -Maximum).Maximum, 1) }
    [pscustomobject]@{
        Sample = $Sample; Runs = $Runs
        CreatesPerSecondFromEmpty = & $best $empty
        Keys = $Count; CreatesPerSecondFromCount = & $best $full
        Ratio = [math]::Round((& $best $full) / (& $best $empty), 2)
        StateFiles = $files
    } | ConvertTo-Json -Compress
}
finally {
    Remove-Item $root -Recurse -Force -ErrorAction Ignore
}
