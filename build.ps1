#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests KmsPowerShell: a task runner in which each task declares the tasks it needs.
.DESCRIPTION
    Each task named with -Task runs after the tasks it needs, and a task runs at most once per invocation
    (-Task Build,Test builds once). The tasks:
    Build:      lays out a ready module folder out/KmsPowerShell/<version>/ (manifest, format file, the cmdlet and model
                assemblies, dependencies/ with the engine, the local KMS, BouncyCastle and AWSSDK, and en-US/ with the compiled help).
    Docs:       compiles docs/en-US into the built module's en-US/ help; fails on any page that disagrees with the cmdlets.
    UpdateHelp: writes a skeleton page for every cmdlet that has none, and brings the other pages up to date.
    Test:       Build, the xunit tests (every tests/*/*.Tests.csproj), then the Pester suite in a child pwsh that imports
                the built module, against each backend (moto is mandatory when CI=true). Exits non-zero on any failure.
    Package:    Build, then a PowerShell Gallery ready .nupkg in out/package/.
    Bench:      Build, then tests/Bench/Invoke-Bench.ps1: every figure beside its peer, from interleaved repeated runs,
                in out/bench/report.md.
    Fuzz:       tests/Fuzz/Invoke-Fuzz.ps1, a bounded fuzzing run (-Seconds) with -FuzzEngine Afl or Mutation.
    Demo:       Build, then the tour in docs/examples/Demo.ps1.
    Clean:      removes out/.
    -WhatIf names the tasks that would run, in order, and runs none.
    System packages are installed only by the task that needs them: Fuzz (-FuzzEngine Afl) installs afl++ with apt-get;
    Test installs chromium with apt-get for the HTML report's browser tests (in CI, or as root; elsewhere they are skipped).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Fuzz -Seconds 300
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench -BenchMiB 64 -BenchScale 0.2
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateSet('Build', 'Docs', 'UpdateHelp', 'Test', 'Package', 'Bench', 'Fuzz', 'Demo', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # The KMS endpoints the Pester suite runs against.
    [ValidateSet('local', 'moto')]
    [string[]] $Backend = @('local', 'moto'),

    # Pester test files to run instead of the whole suite (while working on one area).
    [string[]] $TestPath,

    # How long the Fuzz task runs; -Seed repeats a run.
    [ValidateRange(1, 86400)]
    [int] $Seconds = 300,

    [int] $Seed = [Environment]::TickCount,

    # Afl: coverage-guided (AFL++ and SharpFuzz, Linux); Mutation: our own seeded mutation fuzzer (any OS, no AFL++).
    [ValidateSet('Afl', 'Mutation')]
    [string] $FuzzEngine = 'Afl',

    # The file the Bench task encrypts (MiB); its peak memory is compared with a 1 MiB file's.
    [ValidateRange(1, 4096)]
    [int] $BenchMiB = 1024,

    # How many times the Bench task runs each side of each comparison, alternating ours and the peer's.
    [ValidateRange(5, 100)]
    [int] $BenchRuns = 5,

    # Scales the Bench task's counts (10,000 values, 5,000 keys, 1,000 files) for a quicker run.
    [ValidateRange(0.01, 10)]
    [double] $BenchScale = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$invocation = "dotnet pwsh ./build.ps1 $(($PSBoundParameters.GetEnumerator() | ForEach-Object { "-$($_.Key) $(@($_.Value) -join ',')" }) -join ' ')"

#region The runner
$tasks = [ordered]@{}
$finished = [Collections.Generic.HashSet[string]]::new()

function Task {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [string[]] $Needs = @(), [Parameter(Mandatory, Position = 1)] [scriptblock] $Action)
    $tasks[$Name] = [pscustomobject]@{ Needs = $Needs; Action = $Action }
}

function Invoke-Task([string] $Name, [string[]] $Chain = @()) {
    if ($finished.Contains($Name)) { return }
    if (-not $tasks.Contains($Name)) { throw "There is no task '$Name'." }
    if ($Chain -contains $Name) { throw "Tasks need each other in a circle: $(($Chain + $Name) -join ' -> ')." }
    foreach ($need in $tasks[$Name].Needs) { Invoke-Task $need ($Chain + $Name) }
    # -WhatIf names the tasks in the order they would run, and runs none.
    if ($PSCmdlet.ShouldProcess($Name, 'Run task')) { & $tasks[$Name].Action }
    $null = $finished.Add($Name)
}
#endregion

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

function Write-ModuleManifest {
    & (Join-Path $root 'tools/Write-ModuleManifest.ps1') -ModuleFolder (Get-ModuleFolder) -Version (Get-BuildProperty 'Directory.Build.props' 'ModuleVersion')
}

function Invoke-HelpCompiler([string[]] $Arguments) {
    $compiler = Join-Path $root "src/KmsPowerShell.HelpCompiler/bin/$Configuration/net10.0/KmsPowerShell.HelpCompiler.dll"
    if (-not (Test-Path $compiler)) { throw "The help compiler is not built: run ./build.ps1 -Task Build." }
    Invoke-Native dotnet (@($compiler) + $Arguments + @('--module', (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1'), '--docs', (Join-Path $root 'docs/en-US')))
}

function Read-TrxCounts([string] $Path) {
    $counters = ([xml](Get-Content -Raw $Path)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error; Skipped = [int]$counters.notExecuted }
}

function Initialize-Interop { Invoke-Task Interop }

Task Clean {
    Remove-Item -Recurse -Force $out -ErrorAction Ignore
}

# The module folder without its help: what Docs and UpdateHelp read the cmdlets from.
Task Layout {
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
    Write-ModuleManifest
}

# The compiler reads the cmdlets from the built module, so the help always matches what ships.
Task Docs -Needs Layout {
    Invoke-HelpCompiler @('compile', '--output', (Join-Path (Get-ModuleFolder) 'en-US'))
    Write-ModuleManifest
}

# KMSPS_SKIP_HELP=1 only while pages are being written: the Test task's help tests still fail on what is missing.
Task Build -Needs ($env:KMSPS_SKIP_HELP -eq '1' ? @('Layout') : @('Layout', 'Docs')) {
    if ($env:KMSPS_SKIP_HELP -eq '1') { Write-Warning 'KMSPS_SKIP_HELP=1: the module is built without compiled help.' }
    Write-Host "Built $(Get-ModuleFolder)"
}

Task UpdateHelp -Needs Layout {
    Invoke-HelpCompiler @('update')
}

Task Package -Needs Build {
    $package = Join-Path $out 'package'
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Publish-ModulePackage.ps1') -ModuleFolder (Get-ModuleFolder) -OutputFolder $package
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
    Write-Host "Packaged $((Get-ChildItem $package -Filter '*.nupkg').FullName)"
}

# The xunit interop tests and the Bench task run the AWS Encryption SDK for JavaScript from tests/Interop/node_modules.
Task Interop {
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

# tests/Pester/ComplianceReport.Tests.ps1 opens the HTML compliance report in headless Chromium (Debian's package):
# installed when missing and that file is to run, in CI always (the tests are mandatory there), elsewhere only as
# root, never through a password prompt; otherwise those tests are skipped and say why. apt-get takes minutes on a
# fresh machine, so it runs in the background from the start, beside the build, and Test waits for it only before
# the Pester suite.
function Start-ChromiumInstall {
    if ($TestPath -and -not ($TestPath -match 'ComplianceReport')) { return }
    if (Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction Ignore) { return }
    $isRoot = $IsLinux -and (id -u) -eq '0'
    if (-not ($IsLinux -and (Get-Command apt-get -ErrorAction Ignore)) -or -not ($isRoot -or $env:CI -eq 'true')) {
        if ($env:CI -eq 'true') { throw 'Chromium is missing and only Debian-like Linux can be set up here; the HTML report browser tests are mandatory when CI=true.' }
        Write-Warning 'Chromium is not installed (apt-get install chromium): the HTML report browser tests will be skipped.'
        return
    }
    Write-Host "`n== apt-get install chromium in the background (the HTML report's browser tests)"
    $apt = $isRoot ? 'apt-get' : 'sudo -n apt-get'
    $log = [IO.Path]::GetTempFileName()
    $start = [Diagnostics.ProcessStartInfo]::new('bash')
    foreach ($argument in '-c', "export DEBIAN_FRONTEND=noninteractive; { $apt update -qq && $apt install -y -qq --no-install-recommends chromium; } >'$log' 2>&1") { $start.ArgumentList.Add($argument) }
    $process = [Diagnostics.Process]::Start($start)
    [pscustomobject]@{ Process = $process; Log = $log }
}

function Wait-ChromiumInstall {
    if (-not $chromiumInstall) { return }
    $chromiumInstall.Process.WaitForExit()
    if ($chromiumInstall.Process.ExitCode -ne 0) {
        $words = Get-Content -Raw $chromiumInstall.Log -ErrorAction Ignore
        throw "apt-get install chromium failed (exit code $($chromiumInstall.Process.ExitCode)): $words"
    }
    Write-Host "`n== chromium installed"
}

Task Test -Needs Build, Interop {
    Initialize-Interop
    $results = New-Item -ItemType Directory -Force (Join-Path $out 'test')
    Remove-Item (Join-Path $results '*') -Recurse -Force -ErrorAction Ignore

    # xunit runs beside the Pester suite, in a thread of this process: each waits on processes of its own, and the
    # Pester parts leave part of the two cores idle. Its output is shown whole once the Pester suite has ended.
    $xunitJob = Start-ThreadJob -ArgumentList @(Get-ChildItem (Join-Path $root 'tests/*/*.Tests.csproj')), $Configuration, $results {
        param([IO.FileInfo[]] $Projects, [string] $Configuration, [string] $Results)
        foreach ($project in $Projects) {
            # Stress tests (a server run out of file descriptors) belong to the Bench task, which runs them alone.
            $output = & dotnet test $project.FullName -c $Configuration --no-build --nologo --filter 'Category!=Stress' `
                --logger 'console;verbosity=minimal' --logger "trx;LogFileName=xunit-$($project.BaseName).trx" --results-directory $Results 2>&1 | Out-String
            [pscustomobject]@{ Name = $project.BaseName; Output = $output; ExitCode = $LASTEXITCODE }
        }
    }

    Wait-ChromiumInstall
    Write-Host "`n== Pester"
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Tools/Tools.csproj'), '--nologo', '-v', 'quiet')
    $packages = Get-PackageFolder
    $pester = Join-Path $packages "pester/$(Get-BuildProperty 'Directory.Packages.props' 'PesterVersion')/tools/Pester.psd1"
    $foreignCore = Join-Path $packages "awssdk.core/$(Get-BuildProperty 'Directory.Packages.props' 'ForeignAwsSdkCoreVersion')/lib/net8.0/AWSSDK.Core.dll"
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $summary = Join-Path $results 'pester-summary.json'
    $selection = $TestPath ? @('-TestPath', ($TestPath -join ',')) : @()
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1') -Backend ($Backend -join ',') `
        -ForeignAwsSdkCore $foreignCore -ResultsPath $results -SummaryPath $summary @selection
    $pesterExit = $LASTEXITCODE
    if (-not (Test-Path $summary)) { throw "The Pester suite wrote no summary (exit code $pesterExit)." }
    $pesterCounts = Get-Content -Raw $summary | ConvertFrom-Json

    $xunit = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $xunitExit = 0
    foreach ($run in Receive-Job $xunitJob -Wait -AutoRemoveJob) {
        Write-Host "`n== xunit: $($run.Name)"
        Write-Host $run.Output
        if ($run.ExitCode -ne 0) { $xunitExit = $run.ExitCode }
        $trx = Join-Path $results "xunit-$($run.Name).trx"
        if (-not (Test-Path $trx)) { throw "xunit wrote no results for $($run.Name) (exit code $($run.ExitCode))." }
        $counts = Read-TrxCounts $trx
        $xunit.Passed += $counts.Passed; $xunit.Failed += $counts.Failed; $xunit.Skipped += $counts.Skipped
    }

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

Task Bench -Needs Build, Interop {
    & (Join-Path $root 'tests/Bench/Invoke-Bench.ps1') -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1') `
        -Configuration $Configuration -Runs $BenchRuns -FileMiB $BenchMiB -Scale $BenchScale `
        -ReportPath (Join-Path $out 'bench/report.md') -Command $invocation
}

Task Fuzz {
    & (Join-Path $root 'tests/Fuzz/Invoke-Fuzz.ps1') -Seconds $Seconds -Seed $Seed -Engine $FuzzEngine -Configuration $Configuration
}

Task Demo -Needs Build {
    # A fresh process: the tour must not depend on anything this one has loaded.
    & $pwsh -NoProfile -File (Join-Path $root 'docs/examples/Demo.ps1') -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

$chromiumInstall = ($Task -contains 'Test' -and -not $WhatIfPreference) ? (Start-ChromiumInstall) : $null
foreach ($name in $Task) { Invoke-Task $name }
