<#
.SYNOPSIS
    Runs the Pester suite against each KMS backend, in this (child) pwsh, and writes a summary of the counts.
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
    [string[]] $TestPath = @()
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
Import-Module (Join-Path $PSScriptRoot 'TestBackend.psm1') -Force

$sandbox = Initialize-TestEnvironment -ModulePath $ModulePath -ForeignAwsSdkCore $ForeignAwsSdkCore
$totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
$mandatory = $env:CI -eq 'true'

try {
    foreach ($name in $Backend -split ',') {
        $availability = Test-BackendAvailable -Name $name
        if (-not $availability.Available) {
            if ($mandatory) { throw "The $name backend is mandatory in CI but cannot start: $($availability.Reason)" }
            Write-Host "SKIPPED: the Pester suite on $name ($($availability.Reason))." -ForegroundColor Yellow
            continue
        }
        $server = Start-TestBackend -Name $name
        try {
            $env:KMSPS_TEST_BACKEND = $name
            $env:KMSPS_TEST_ENDPOINT = $server.Endpoint
            Write-Host "`n-- Pester on $name at $($server.Endpoint)"
            $configuration = New-PesterConfiguration
            $configuration.Run.Path = $TestPath.Count -gt 0 ? [string[]]($TestPath -split "," | ForEach-Object { (Resolve-Path $_).Path }) : $PSScriptRoot
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'Normal'
            $configuration.TestResult.Enabled = $true
            $configuration.TestResult.OutputFormat = 'JUnitXml'
            $configuration.TestResult.OutputPath = Join-Path $ResultsPath "pester-$name.xml"
            $result = Invoke-Pester -Configuration $configuration
            $totals.Passed += $result.PassedCount
            $totals.Failed += $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
            $totals.Skipped += $result.SkippedCount
        }
        finally {
            Stop-TestBackend -Server $server
        }
    }
}
finally {
    Remove-Item -Recurse -Force $sandbox -ErrorAction Ignore
    $totals | ConvertTo-Json | Set-Content -Path $SummaryPath
}
exit $totals.Failed
