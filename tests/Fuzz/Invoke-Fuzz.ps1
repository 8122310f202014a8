#Requires -Version 7.4
<#
.SYNOPSIS
    A bounded fuzzing run of the message parser, the decryptor and the encryption-context decoder (tests/Fuzz).
.DESCRIPTION
    Called by build.ps1 -Task Fuzz. Throws when any input raises an exception other than the format's own, hangs, or
    allocates past the per-input bound. Two engines (-Engine):
    Afl (default): coverage-guided AFL++ through SharpFuzz. Installs afl++ with apt-get when afl-fuzz is missing and
      SharpFuzz.CommandLine with dotnet tool restore; instruments a copy of the engine in out/fuzz/bin; seeds from
      tests/Fuzz/KmsPowerShell.Fuzz/Seeds.cs in out/fuzz/seeds; runs afl-fuzz for -Seconds after calibration (-s -Seed)
      with findings in out/fuzz/afl/default; prints executions, speed, corpus, edges and stability from fuzzer_stats.
    Mutation: our own seeded mutation fuzzer (no AFL++, any OS); failing inputs land in out/fuzz/.
.EXAMPLE
    dotnet pwsh tests/Fuzz/Invoke-Fuzz.ps1 -Engine Mutation -Seconds 20
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 86400)]
    [int] $Seconds = 300,

    [int] $Seed = [Environment]::TickCount,

    [ValidateSet('Afl', 'Mutation')]
    [string] $Engine = 'Afl',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Install-Afl {
    if (Get-Command afl-fuzz -ErrorAction Ignore) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        throw 'AFL++ (afl-fuzz) is missing and only Debian-like Linux can be set up here: install it, or use the Mutation engine (build.ps1 -FuzzEngine Mutation).'
    }
    Write-Host 'Installing AFL++ from the distribution (apt-get install afl++)'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native apt-get @('update', '-qq')
    Invoke-Native apt-get @('install', '-y', '-qq', 'afl++')
}

function Read-AflStats([string] $File) {
    $stats = @{}
    foreach ($line in Get-Content $File) {
        $name, $value = $line -split '\s*:\s*', 2
        $stats[$name.Trim()] = $value.Trim()
    }
    $stats
}

$project = Join-Path $Root 'tests/Fuzz/KmsPowerShell.Fuzz/KmsPowerShell.Fuzz.csproj'
Invoke-Native dotnet @('build', $project, '-c', $Configuration, '--nologo', '-v', 'quiet')
$program = Join-Path $Root "tests/Fuzz/KmsPowerShell.Fuzz/bin/$Configuration/net8.0"
$folder = Join-Path $Root 'out/fuzz'
Remove-Item $folder -Recurse -Force -ErrorAction Ignore
$replay = "replay with: dotnet $(Join-Path $program 'KmsPowerShell.Fuzz.dll') --replay <file>"

if ($Engine -eq 'Mutation') {
    Write-Host "`n== Fuzzing the message parser, decryptor and encryption-context decoder for $Seconds s (mutation, seed $Seed)"
    & dotnet (Join-Path $program 'KmsPowerShell.Fuzz.dll') --seconds $Seconds --seed $Seed --out $folder
    if ($LASTEXITCODE -ne 0) { throw "The fuzzer found failing inputs: see $folder ($replay)." }
    return
}

Install-Afl
Push-Location $Root
try { Invoke-Native dotnet @('tool', 'restore') } finally { Pop-Location }
# AFL++ needs an instrumented engine: instrument a copy, never the build output that the module ships.
$bin = Join-Path $folder 'bin'
$null = New-Item -ItemType Directory -Force $folder
Copy-Item -Recurse $program $bin
Push-Location $Root
try { Invoke-Native dotnet @('tool', 'run', 'sharpfuzz', (Join-Path $bin 'KmsPowerShell.Engine.dll')) } finally { Pop-Location }
$seeds = Join-Path $folder 'seeds'
Invoke-Native dotnet @((Join-Path $program 'KmsPowerShell.Fuzz.dll'), '--write-seeds', $seeds)

$findings = Join-Path $folder 'afl'
$log = Join-Path $folder 'afl-fuzz.log'
# -t: afl-fuzz calls an input that runs longer a hang and keeps it; the harness's own watchdog (--timeout-ms) is
# only a backstop. -m none: the runtime reserves far more address space than any limit AFL would set.
$arguments = @('-V', $Seconds, '-s', ($Seed -band [int]::MaxValue), '-i', $seeds, '-o', $findings, '-t', 5000, '-m', 'none', '--',
    'dotnet', (Join-Path $bin 'KmsPowerShell.Fuzz.dll'), '--afl', '--timeout-ms', 10000)
$settings = @{
    AFL_SKIP_BIN_CHECK = '1'                    # the target is dotnet; the instrumentation is in the engine copy
    AFL_NO_UI = '1'
    AFL_NO_AFFINITY = '1'                       # the cores are shared with other work
    AFL_SKIP_CPUFREQ = '1'
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES = '1' # a core_pattern pipe must not stop the run
    AFL_FORKSRV_INIT_TMOUT = '60000'            # the runtime's start-up under load
}
$saved = @{}
foreach ($name in $settings.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $settings[$name]) }
Write-Host "`n== Fuzzing the message parser, decryptor and encryption-context decoder for $Seconds s (AFL++ with SharpFuzz, seed $Seed)"
Write-Host "afl-fuzz $($arguments -join ' ')"
try {
    $afl = Start-Process afl-fuzz -ArgumentList $arguments -NoNewWindow -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $null = $afl.Handle # keeps the exit code readable after the process ends
    # -V ends the run after the calibration of the seeds; this only stops an afl-fuzz that is stuck.
    if (-not $afl.WaitForExit(($Seconds + 600) * 1000)) {
        $afl.Kill($true)
        throw "afl-fuzz did not stop after $Seconds s: see $log."
    }
    $afl.WaitForExit()
}
finally {
    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}
$statsFile = Join-Path $findings 'default/fuzzer_stats'
if ($afl.ExitCode -ne 0 -or -not (Test-Path $statsFile)) {
    Get-Content $log, "$log.err" -Tail 20 -ErrorAction Ignore | Write-Host
    throw "afl-fuzz failed (exit code $($afl.ExitCode)): see $log."
}
$stats = Read-AflStats $statsFile
Write-Host ("AFL++: $($stats.execs_done) executions in $($stats.run_time) s ($($stats.execs_per_sec)/s); corpus $($stats.corpus_count) " +
    "inputs ($($stats.corpus_found) found); $($stats.edges_found) edges ($($stats.bitmap_cvg) of the map); stability $($stats.stability); " +
    "$($stats.saved_crashes) crashes, $($stats.saved_hangs) hangs")
if ([long] $stats.execs_done -eq 0) { throw "afl-fuzz ran no input: see $log." }
$failing = @('crashes', 'hangs' | ForEach-Object { Get-ChildItem (Join-Path $findings "default/$_") -File -Filter 'id:*' -ErrorAction Ignore })
if ($failing.Count -gt 0) {
    # What each input does, from the uninstrumented build.
    & dotnet (Join-Path $program 'KmsPowerShell.Fuzz.dll') --replay @($failing.FullName)
    throw "AFL++ saved $($stats.saved_crashes) crashes and $($stats.saved_hangs) hangs in $findings/default ($replay)."
}
