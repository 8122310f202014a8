<#
.SYNOPSIS
    How much importing KmsPowerShell adds to pwsh start-up: -Runs runs each of bare pwsh and pwsh + Import-Module,
    alternating in the same run so machine noise hits both alike. Prints every sample as JSON.
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

# One warm-up of each, so the first run's disk cache misses do not count.
Measure-Once 'exit 0' | Out-Null
Measure-Once $importCommand | Out-Null

$bare = [Collections.Generic.List[double]]::new()
$import = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $import.Add((Measure-Once $importCommand))
    $bare.Add((Measure-Once 'exit 0'))
}
[pscustomobject]@{ BarePwshMs = $bare; PwshWithImportMs = $import } | ConvertTo-Json -Compress
