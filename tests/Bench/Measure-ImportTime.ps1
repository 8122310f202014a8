<#
.SYNOPSIS
    How much importing KmsPowerShell adds to pwsh start-up: median of N runs each of bare pwsh and pwsh + Import-Module,
    measured alternately in the same run so machine noise hits both alike.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$importCommand = "Import-Module '$ModulePath' -ErrorAction Stop; exit 0"
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

function Measure-Once([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh -NoProfile -NonInteractive -Command $Command | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Command' failed." }
    $watch.Elapsed.TotalMilliseconds
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

# One warm-up of each, so the first run's disk cache misses do not count.
Measure-Once 'exit 0' | Out-Null
Measure-Once $importCommand | Out-Null

$bare = [Collections.Generic.List[double]]::new()
$import = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Once 'exit 0'))
    $import.Add((Measure-Once $importCommand))
}
$bareMedian = Get-Median $bare
$importMedian = Get-Median $import
[pscustomobject]@{
    Runs                = $Runs
    BarePwshMs          = [math]::Round($bareMedian, 1)
    PwshWithImportMs    = [math]::Round($importMedian, 1)
    ImportAddsMs        = [math]::Round($importMedian - $bareMedian, 1)
    ImportRatio         = [math]::Round($importMedian / $bareMedian, 3)
} | ConvertTo-Json
