<#
.SYNOPSIS
    Runs the Pester suite against each KMS backend and writes a summary of the counts.
.DESCRIPTION
    The suite is cut into parts, each a backend and some test files; every part runs in its own pwsh with its own
    instance of its backend, so parts share nothing and run side by side, at most -Parallel at once, the longest
    first (as measured). Each part writes pester-<backend>-<part>.xml and its counts; the summary is their sum.
    Files that are timed against the clock (a Ctrl+C must end work within a bound) run after the others, one part at
    a time, so the load of the other parts cannot fail them.
.NOTES
    Called by build.ps1 -Task Test. Each backend a test needs is started here on a free loopback port and
    stopped by its PID. No real AWS credentials or profiles are ever visible to the tests.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string[]] $Backend,
    [Parameter(Mandatory)] [string] $ForeignAwsSdkCore,
    [Parameter(Mandatory)] [string] $ResultsPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string[]] $TestPath = @(),
    # How many parts run at once (the test machines have two cores).
    [int] $Parallel = 2,
    # Internal: run one part in this process (the name of its result file).
    [string] $Part
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'TestBackend.psm1') -Force

# The parts of each backend's run, the longest first (as measured); the files not named here make the third part.
# Parts share nothing: the isolation tests, which rerun GetKmsKey's listing, make its 120 keys in their own instance.
$groups = @(
    , @('Isolation.Tests.ps1')
    , @('GetKmsKey.Tests.ps1', 'KeyInventory.Tests.ps1')
    , @('KeyAdministration.Tests.ps1')
    , @('Resilience.Tests.ps1', 'DocBlocks.Tests.ps1', 'SessionSafety.Tests.ps1')
    , @('HelpExamples.Tests.ps1', 'Help.Tests.ps1')
)
# Files whose tests put a bound on wall-clock time: they run after the other parts, alone.
$timed = @('Cancellation.Tests.ps1')
# Files whose tests never reach the backend under test (help, manifest, package, docs, the demo's own local KMS, the
# load contexts, the compliance checks' own local KMS): they run with the first backend only, as a second run would
# repeat the same checks.
$backendFree = @(
    'BuildScript.Tests.ps1', 'ComplianceChecks.Tests.ps1', 'ComplianceReport.Tests.ps1', 'Demo.Tests.ps1', 'DocBlocks.Tests.ps1', 'Help.Tests.ps1', 'HelpDocs.Tests.ps1',
    'HelpExamples.Tests.ps1', 'Isolation.Tests.ps1', 'Manifest.Tests.ps1', 'Package.Tests.ps1', 'PolicyEvaluation.Tests.ps1',
    'Vocabulary.Tests.ps1'
)

function Invoke-Part([string] $Name, [string[]] $Files, [string] $ResultFile) {
    Import-Module $PesterPath -Force
    $sandbox = Initialize-TestEnvironment -ModulePath $ModulePath -ForeignAwsSdkCore $ForeignAwsSdkCore
    $server = Start-TestBackend -Name $Name
    try {
        $env:KMSPS_TEST_BACKEND = $Name
        $env:KMSPS_TEST_ENDPOINT = $server.Endpoint
        Write-Host "`n-- Pester on $Name at $($server.Endpoint): $(($Files | Split-Path -Leaf) -join ', ')"
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = $Files
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'Normal'
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = 'JUnitXml'
        $configuration.TestResult.OutputPath = $ResultFile
        $result = Invoke-Pester -Configuration $configuration
        foreach ($container in $result.Containers) {
            Write-Host ('{0,8:N1} s  {1} on {2}' -f $container.Duration.TotalSeconds, (Split-Path -Leaf $container.Item), $Name)
        }
        [ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount }
    }
    finally {
        $null = Stop-TestBackend -Server $server
        Remove-Item -Recurse -Force $sandbox -ErrorAction Ignore
    }
}

if ($Part) {
    # A child: one backend, the files given, its counts in the summary file.
    $counts = [ordered]@{ Passed = 0; Failed = 1; Skipped = 0 }
    try { $counts = Invoke-Part -Name ($Backend -join '') -Files ($TestPath -split ',') -ResultFile (Join-Path $ResultsPath "pester-$Part.xml") }
    finally { $counts | ConvertTo-Json | Set-Content -Path $SummaryPath }
    exit $counts.Failed
}

function Split-Parts([string] $Name, [string[]] $Files) {
    $remaining = [ordered]@{}
    foreach ($file in $Files) { $remaining[(Split-Path -Leaf $file)] = $file }
    $sets = [Collections.Generic.List[object]]::new()
    foreach ($group in $groups + @($timed | ForEach-Object { , @($_) })) {
        $members = @($group | Where-Object { $remaining.Contains($_) })
        if ($members.Count -eq 0) { continue }
        $sets.Add([pscustomobject]@{ Group = $group[0]; Files = @($members | ForEach-Object { $remaining[$_] }) })
        $members | ForEach-Object { $remaining.Remove($_) }
    }
    if ($remaining.Count -gt 0) { $sets.Insert([math]::Min(2, $sets.Count), [pscustomobject]@{ Group = ''; Files = @($remaining.Values) }) }
    $index = 0
    foreach ($set in $sets) {
        [pscustomobject]@{
            Name = "$Name-$((++$index))"; Backend = $Name; Group = $set.Group; Files = [string[]]$set.Files
            Timed = $set.Group -in $timed
        }
    }
}

function Invoke-Parts([object[]] $Parts, [int] $ThrottleLimit) {
    # Each part in its own pwsh; its output is shown whole when it ends, so parts' lines do not interleave.
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $arguments = @{ PesterPath = $PesterPath; ModulePath = $ModulePath; ForeignAwsSdkCore = $ForeignAwsSdkCore; ResultsPath = $ResultsPath }
    $Parts | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        $part = $_
        $common = $using:arguments
        $summary = Join-Path $common.ResultsPath "pester-summary-$($part.Name).json"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $output = & $using:pwsh -NoProfile -NonInteractive -File (Join-Path $using:PSScriptRoot 'Invoke-PesterSuite.ps1') `
            -PesterPath $common.PesterPath -ModulePath $common.ModulePath -ForeignAwsSdkCore $common.ForeignAwsSdkCore `
            -ResultsPath $common.ResultsPath -Backend $part.Backend -TestPath ($part.Files -join ',') -Part $part.Name -SummaryPath $summary *>&1
        $exit = $LASTEXITCODE
        $counts = if (Test-Path $summary) { Get-Content -Raw $summary | ConvertFrom-Json } else { $null }
        [pscustomobject]@{ Part = $part; Output = ($output | Out-String); ExitCode = $exit; Counts = $counts; Seconds = $watch.Elapsed.TotalSeconds }
    }
}

$files = if ($TestPath.Count -gt 0) { @($TestPath -split ',' | ForEach-Object { (Resolve-Path $_).Path }) }
else { @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Sort-Object Name | ForEach-Object FullName) }
$mandatory = $env:CI -eq 'true'
$perBackend = [Collections.Generic.List[object]]::new()
foreach ($name in $Backend -split ',') {
    $availability = Test-BackendAvailable -Name $name
    if (-not $availability.Available) {
        if ($mandatory) { throw "The $name backend is mandatory in CI but cannot start: $($availability.Reason)" }
        Write-Host "SKIPPED: the Pester suite on $name ($($availability.Reason))." -ForegroundColor Yellow
        continue
    }
    $own = $perBackend.Count -eq 0 ? $files : @($files | Where-Object { (Split-Path -Leaf $_) -notin $backendFree })
    if ($own.Count -gt 0) { $perBackend.Add(@(Split-Parts -Name $name -Files $own)) }
}
# The longest parts first, so the two that end last end together (seconds each part took on the 2-core machines;
# the part of every file not named in a group is the longest on each backend). Only the order depends on these.
$expectedSeconds = @{
    'local:' = 59; 'moto:' = 40; 'local:Resilience.Tests.ps1' = 47; 'moto:Resilience.Tests.ps1' = 14
    'moto:GetKmsKey.Tests.ps1' = 28; 'local:GetKmsKey.Tests.ps1' = 12; 'moto:KeyAdministration.Tests.ps1' = 28
    'local:KeyAdministration.Tests.ps1' = 15; 'local:Isolation.Tests.ps1' = 22; 'local:HelpExamples.Tests.ps1' = 45
}
$parts = @($perBackend | ForEach-Object { $_ }) | Sort-Object -Descending -Stable { $expectedSeconds["$($_.Backend):$($_.Group)"] ?? 10 }

$totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
function Add-Run {
    process {
        Write-Host $_.Output
        $counts = $_.Counts
        Write-Host ("== part {0} ({1:N0} s): {2}" -f $_.Part.Name, $_.Seconds, ($counts ? "$($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped" : "no counts, exit code $($_.ExitCode)"))
        if (-not $counts) { $totals.Failed++; return }
        $totals.Passed += $counts.Passed
        $totals.Failed += $counts.Failed
        $totals.Skipped += $counts.Skipped
        if ($_.ExitCode -ne 0 -and $counts.Failed -eq 0) { $totals.Failed++ }
    }
}

try {
    $concurrent = @($parts | Where-Object { -not $_.Timed })
    if ($concurrent.Count -gt 0) { Invoke-Parts $concurrent -ThrottleLimit $Parallel | Add-Run }
    $alone = @($parts | Where-Object Timed)
    if ($alone.Count -gt 0) { Invoke-Parts $alone -ThrottleLimit 1 | Add-Run }
}
finally {
    $totals | ConvertTo-Json | Set-Content -Path $SummaryPath
}
exit $totals.Failed
