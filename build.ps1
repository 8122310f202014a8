#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests KmsPowerShell.
.DESCRIPTION
    Build: lays out a ready module folder out/KmsPowerShell/<version>/ (manifest, format file, the cmdlet and model
    assemblies, and dependencies/ with the engine and AWSSDK).
    Test:  Build, the xunit tests, then the Pester suite in a child pwsh that imports the built module, against
    each backend (moto is mandatory when CI=true). Exits non-zero when any test fails.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Bench', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The KMS endpoints the Pester suite runs against.
    [ValidateSet('moto')]
    [string[]] $Backend = @('moto'),

    # Pester test files to run instead of the whole suite (while working on one area).
    [string[]] $TestPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-BuildProperty([string] $File, [string] $Name) {
    $value = ([xml](Get-Content -Raw (Join-Path $root $File))).SelectSingleNode("/Project/PropertyGroup/$Name").InnerText
    if (-not $value) { throw "$Name is not set in $File." }
    $value
}

function Get-ModuleFolder { Join-Path $out "KmsPowerShell/$(Get-BuildProperty 'Directory.Build.props' 'ModuleVersion')" }

function Get-PackageFolder {
    $line = & dotnet nuget locals global-packages --list
    if ($LASTEXITCODE -ne 0) { throw 'dotnet nuget locals failed.' }
    ($line -replace '^global-packages:\s*', '').Trim()
}

function Invoke-Clean {
    Remove-Item -Recurse -Force $out -ErrorAction Ignore
}

function Invoke-Build {
    $version = Get-BuildProperty 'Directory.Build.props' 'ModuleVersion'
    $module = Get-ModuleFolder
    $staging = Join-Path $out "obj/$Configuration"
    Remove-Item -Recurse -Force (Join-Path $out 'KmsPowerShell'), $staging -ErrorAction Ignore

    Invoke-Native dotnet @('build', (Join-Path $root 'KmsPowerShell.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/KmsPowerShell.Engine'), '-c', $Configuration, '--no-build', '--nologo', '-v', 'quiet', '-o', (Join-Path $staging 'engine'))

    $dependencies = New-Item -ItemType Directory -Force (Join-Path $module 'dependencies')
    $cmdletBin = Join-Path $root "src/KmsPowerShell/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $cmdletBin 'KmsPowerShell.dll'), (Join-Path $cmdletBin 'KmsPowerShell.Model.dll'), (Join-Path $cmdletBin 'KmsPowerShell.Format.ps1xml') $module
    # The model assembly lives once, beside the cmdlets, in the default load context: never in dependencies/.
    Get-ChildItem (Join-Path $staging 'engine') -Filter '*.dll' |
        Where-Object Name -ne 'KmsPowerShell.Model.dll' |
        Copy-Item -Destination $dependencies

    $manifest = (Get-Content -Raw (Join-Path $root 'KmsPowerShell.psd1')) -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'"
    Set-Content -Path (Join-Path $module 'KmsPowerShell.psd1') -Value $manifest -Encoding utf8NoBOM
    Write-Host "Built $module"
}

function Read-TrxCounts([string] $Path) {
    $counters = ([xml](Get-Content -Raw $Path)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error; Skipped = [int]$counters.notExecuted }
}

function Initialize-Interop {
    # The xunit interop tests run the AWS Encryption SDK for JavaScript from tests/Interop/node_modules.
    $interop = Join-Path $root 'tests/Interop'
    if (-not (Get-Command npm -ErrorAction Ignore)) {
        if ($env:CI -eq 'true') { throw 'npm is not installed; the JavaScript interop tests are mandatory when CI=true.' }
        Write-Warning 'npm is not installed: the JavaScript interop tests will be skipped.'
        return
    }
    Write-Host "`n== npm ci (tests/Interop)"
    Push-Location $interop
    try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error') }
    finally { Pop-Location }
}

function Invoke-Test {
    Invoke-Build
    Initialize-Interop
    $results = New-Item -ItemType Directory -Force (Join-Path $out 'test')
    Remove-Item (Join-Path $results '*') -Recurse -Force -ErrorAction Ignore

    Write-Host "`n== xunit"
    & dotnet test (Join-Path $root 'tests/KmsPowerShell.Tests') -c $Configuration --no-build --nologo `
        --logger 'console;verbosity=minimal' --logger 'trx;LogFileName=xunit.trx' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $results 'xunit.trx'
    if (-not (Test-Path $trx)) { throw "xunit wrote no results (exit code $xunitExit)." }
    $xunit = Read-TrxCounts $trx

    Write-Host "`n== Pester"
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Tools/Tools.csproj'), '--nologo', '-v', 'quiet')
    $packages = Get-PackageFolder
    $pester = Join-Path $packages "pester/$(Get-BuildProperty 'Directory.Packages.props' 'PesterVersion')/tools/Pester.psd1"
    $foreignCore = Join-Path $packages "awssdk.core/$(Get-BuildProperty 'Directory.Packages.props' 'ForeignAwsSdkCoreVersion')/lib/net8.0/AWSSDK.Core.dll"
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $summary = Join-Path $results 'pester-summary.json'
    $selection = $TestPath ? @('-TestPath', ($TestPath -join ',')) : @()
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1') -Backend $Backend `
        -ForeignAwsSdkCore $foreignCore -ResultsPath $results -SummaryPath $summary @selection
    $pesterExit = $LASTEXITCODE
    if (-not (Test-Path $summary)) { throw "The Pester suite wrote no summary (exit code $pesterExit)." }
    $pesterCounts = Get-Content -Raw $summary | ConvertFrom-Json

    $passed = $xunit.Passed + $pesterCounts.Passed
    $failed = $xunit.Failed + $pesterCounts.Failed
    $skipped = $xunit.Skipped + $pesterCounts.Skipped
    Write-Host "`nxunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    Write-Host "Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed, $($pesterCounts.Skipped) skipped"
    Write-Host "Total: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $xunitExit -ne 0 -or $pesterExit -ne 0) {
        throw "Tests failed (xunit exit $xunitExit, Pester exit $pesterExit)."
    }
}

function Invoke-Bench {
    Invoke-Build
    $report = New-Item -ItemType Directory -Force (Join-Path $out 'bench')
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    Write-Host "`n== Module import against bare pwsh start-up (median of 5)"
    $import = & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Bench/Measure-ImportTime.ps1') `
        -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1') -Runs 5 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The import benchmark failed.' }
    $import | Format-List | Out-String | Write-Host
    @(
        '# KmsPowerShell benchmark report'
        ''
        "Machine: $([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion)"
        ''
        '| measure | ours | peer | ratio |'
        '| --- | --- | --- | --- |'
        "| module import (median of $($import.Runs)) | pwsh + Import-Module: $($import.PwshWithImportMs) ms | bare pwsh: $($import.BarePwshMs) ms | +$($import.ImportAddsMs) ms ($($import.ImportRatio)x) |"
    ) | Set-Content (Join-Path $report 'report.md')
    Write-Host "Wrote $(Join-Path $report 'report.md')"
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
