#Requires -Version 7.4
<#
.SYNOPSIS
    Builds and tests KmsPowerShell.
.DESCRIPTION
    Build:      lays out a ready module folder out/KmsPowerShell/<version>/ (manifest, format file, the cmdlet and model
                assemblies, dependencies/ with the engine and AWSSDK, and en-US/ with the help compiled from docs/en-US).
    Docs:       compiles docs/en-US into the built module's en-US/ help; fails on any page that disagrees with the cmdlets.
    UpdateHelp: writes a skeleton page for every cmdlet that has none, and brings the other pages up to date.
    Test:       Build, the xunit tests, then the Pester suite in a child pwsh that imports the built module, against
                each backend (moto is mandatory when CI=true). Exits non-zero when any test fails.
    Package:    Build, then a PowerShell Gallery ready .nupkg in out/package/.
    Fuzz:       a bounded fuzzing run (-Seconds, default 300) of the message parser, the decryptor and the
                encryption-context decoder (tests/Fuzz). Throws when any input raises an exception other than the
                format's own, hangs, or allocates past the per-input bound. Two engines (-FuzzEngine):
                Afl (default): coverage-guided AFL++ through SharpFuzz. Installs afl++ with apt-get when afl-fuzz
                  is missing and SharpFuzz.CommandLine with dotnet tool restore; instruments a copy of the engine in
                  out/fuzz/bin; seeds from tests/Fuzz/KmsPowerShell.Fuzz/Seeds.cs in out/fuzz/seeds; runs afl-fuzz
                  for -Seconds after calibration (-s -Seed) with findings in out/fuzz/afl/default; prints
                  executions, speed, corpus, edges and stability from fuzzer_stats.
                Mutation: our own seeded mutation fuzzer (no AFL++, any OS); failing inputs land in out/fuzz/.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Fuzz -Seconds 300
#>
[CmdletBinding()]
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
    [int] $BenchMiB = 1024
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

function Invoke-Build([switch] $SkipDocs) {
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
    if ($env:KMSPS_SKIP_HELP -eq '1') {
        # Only while pages are being written: the Test task's help tests still fail on what is missing.
        Write-Warning 'KMSPS_SKIP_HELP=1: the module is built without compiled help.'
    }
    elseif (-not $SkipDocs) { Invoke-Docs }
    Write-Host "Built $module"
}

function Write-ModuleManifest {
    # Stamps the version, the list of every file the module folder holds, and the gallery metadata (release notes and
    # tags) into the shipped copy of the manifest.
    $module = Get-ModuleFolder
    $version = Get-BuildProperty 'Directory.Build.props' 'ModuleVersion'
    $template = Join-Path $root 'KmsPowerShell.psd1'
    $files = Get-ChildItem $module -Recurse -File | Where-Object Name -ne 'KmsPowerShell.psd1' |
        ForEach-Object { "'$([IO.Path]::GetRelativePath($module, $_.FullName).Replace('\', '/'))'" } | Sort-Object
    $fileList = "@(`n        'KmsPowerShell.psd1'`n        $($files -join "`n        ")`n    )"
    $tags = "@(`n                $((Get-GalleryTags $template | ForEach-Object { "'$_'" }) -join "`n                ")`n            )"
    $notes = (Get-ReleaseNotes $version).Replace("'", "''")
    $manifest = (Get-Content -Raw $template) `
        -replace "ModuleVersion(\s*)=(\s*)'[^']*'", "ModuleVersion`$1=`$2'$version'" `
        -replace 'FileList(\s*)=(\s*)@\(\)', "FileList`$1=`$2$fileList" `
        -replace 'Tags(\s*)=(\s*)@\([^)]*\)', { "Tags$($_.Groups[1])=$($_.Groups[2])$tags" } `
        -replace "ReleaseNotes(\s*)=(\s*)''", { "ReleaseNotes$($_.Groups[1])=$($_.Groups[2])'$notes'" }
    Set-Content -Path (Join-Path $module 'KmsPowerShell.psd1') -Value $manifest -Encoding utf8NoBOM
}

function Get-GalleryTags([string] $Template) {
    # The tags the PowerShell Gallery and Find-PSResource -CommandName search by, derived from what the manifest exports.
    $data = Import-PowerShellDataFile $Template
    $derived = @($data.CompatiblePSEditions | ForEach-Object { "PSEdition_$_" }) + 'PSIncludes_Cmdlet' +
        @($data.CmdletsToExport | ForEach-Object { "PSCmdlet_$_" }) + @($data.CmdletsToExport | ForEach-Object { "PSCommand_$_" })
    @($data.PrivateData.PSData.Tags) + $derived | Select-Object -Unique
}

function Get-ReleaseNotes([string] $Version) {
    # The section of docs/CHANGELOG.md headed by this version: the one place release notes are written.
    $changelog = Get-Content -Raw (Join-Path $root 'docs/CHANGELOG.md')
    $section = [regex]::Match($changelog, "(?ms)^## $([regex]::Escape($Version))[ \t]*\r?\n(.*?)(?=^## |\z)")
    if (-not $section.Success -or -not $section.Groups[1].Value.Trim()) { throw "docs/CHANGELOG.md has no '## $Version' section: write the release notes of this version there." }
    "KmsPowerShell $Version`n`n$($section.Groups[1].Value.Trim())"
}

function Invoke-HelpCompiler([string[]] $Arguments) {
    $compiler = Join-Path $root "src/KmsPowerShell.HelpCompiler/bin/$Configuration/net10.0/KmsPowerShell.HelpCompiler.dll"
    if (-not (Test-Path $compiler)) { throw "The help compiler is not built: run ./build.ps1 -Task Build." }
    Invoke-Native dotnet (@($compiler) + $Arguments + @('--module', (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1'), '--docs', (Join-Path $root 'docs/en-US')))
}

function Invoke-Docs {
    # The compiler reads the cmdlets from the built module, so the help always matches what ships.
    Invoke-HelpCompiler @('compile', '--output', (Join-Path (Get-ModuleFolder) 'en-US'))
    Write-ModuleManifest
}

function Invoke-UpdateHelp {
    Invoke-Build -SkipDocs
    Invoke-HelpCompiler @('update')
}

function Invoke-Package {
    Invoke-Build
    $package = Join-Path $out 'package'
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/Publish-ModulePackage.ps1') -ModuleFolder (Get-ModuleFolder) -OutputFolder $package
    if ($LASTEXITCODE -ne 0) { throw "Packaging failed (exit code $LASTEXITCODE)." }
    Write-Host "Packaged $((Get-ChildItem $package -Filter '*.nupkg').FullName)"
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

    $xunit = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $xunitExit = 0
    foreach ($project in Get-ChildItem (Join-Path $root 'tests/*/*.Tests.csproj')) {
        Write-Host "`n== xunit: $($project.BaseName)"
        $trxName = "xunit-$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger 'console;verbosity=minimal' --logger "trx;LogFileName=$trxName" --results-directory $results
        if ($LASTEXITCODE -ne 0) { $xunitExit = $LASTEXITCODE }
        $trx = Join-Path $results $trxName
        if (-not (Test-Path $trx)) { throw "xunit wrote no results for $($project.BaseName) (exit code $LASTEXITCODE)." }
        $counts = Read-TrxCounts $trx
        $xunit.Passed += $counts.Passed; $xunit.Failed += $counts.Failed; $xunit.Skipped += $counts.Skipped
    }

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
    $manifest = Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1'
    $rows = [Collections.Generic.List[string]]::new()

    Write-Host "`n== Module import against bare pwsh start-up (median of 5)"
    $import = & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Bench/Measure-ImportTime.ps1') -ModulePath $manifest -Runs 5 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The import benchmark failed.' }
    $import | Format-List | Out-String | Write-Host
    $rows.Add("| module import (median of $($import.Runs)) | pwsh + Import-Module: $($import.PwshWithImportMs) ms | bare pwsh: $($import.BarePwshMs) ms | +$($import.ImportAddsMs) ms ($($import.ImportRatio)x); target: under 150 ms added |")

    Write-Host "`n== 10,000 Protect-KmsData -Value in one pipeline against a raw SDK Encrypt loop, both on the in-process local KMS"
    $raw = & dotnet (Join-Path $root "tests/Bench/KmsPowerShell.Bench/bin/$Configuration/net8.0/KmsPowerShell.Bench.dll") raw-encrypt 10000 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The raw SDK loop failed.' }
    $pipeline = & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Bench/Measure-ProtectPipeline.ps1') -ModulePath $manifest -Count 10000 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The pipeline benchmark failed.' }
    $ratio = [math]::Round($pipeline.MicrosecondsPerCall / $raw.MicrosecondsPerCall, 2)
    Write-Host "cmdlet pipeline: $($pipeline.MicrosecondsPerCall) us/call; raw SDK loop: $([math]::Round($raw.MicrosecondsPerCall, 1)) us/call; ratio $ratio; awscli: $($pipeline.AwsCliMsPerCall) ms/call"
    $rows.Add("| 10,000 Protect-KmsData -Value, one pipeline, in-process local KMS | $($pipeline.MicrosecondsPerCall) us/call | raw SDK Encrypt loop: $([math]::Round($raw.MicrosecondsPerCall, 1)) us/call | $($ratio)x; target: at most 1.5x |")
    if ($pipeline.AwsCliMsPerCall) {
        $rows.Add("| aws kms encrypt against the local KMS over HTTP (one process per call) | - | awscli: $($pipeline.AwsCliMsPerCall) ms/call | $([math]::Round($pipeline.AwsCliMsPerCall * 1000 / $pipeline.MicrosecondsPerCall))x slower than the cmdlet pipeline per call |")
    }

    Write-Host "`n== Get-KmsKey over 5,000 keys against an awscli list-keys + describe-key loop, local KMS over HTTP"
    $keys = & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Bench/Measure-GetKmsKey.ps1') -ModulePath $manifest -Count 5000 -AwsSample 20 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The Get-KmsKey benchmark failed.' }
    $keys | Format-List | Out-String | Write-Host
    if ($keys.AwsLoopSeconds) {
        $rows.Add("| Get-KmsKey over $($keys.Keys) keys with details, local KMS over HTTP | $($keys.GetKmsKeySeconds) s | awscli list-keys ($($keys.AwsListMs) ms) + describe-key per key ($($keys.AwsDescribeMs) ms, timed on $($keys.AwsSample) keys, extrapolated): $($keys.AwsLoopSeconds) s | $([math]::Round($keys.AwsLoopSeconds / [math]::Max($keys.GetKmsKeySeconds, 0.01)))x faster |")
    }

    Write-Host "`n== Bulk protect of 1,000 small files: one at a time, -ThrottleLimit 4, and -DataKeyCache; local KMS server, 10 ms per call"
    $bulk = & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Bench/Measure-BulkProtect.ps1') -ModulePath $manifest -Count 1000 | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw 'The bulk protect benchmark failed.' }
    $bulk | Format-List | Out-String | Write-Host
    $where = "local KMS server over loopback HTTP, every KMS call delayed $($bulk.KmsLatencyMs) ms"
    $rows.Add("| 1,000 small files, Protect-KmsData -DataKeyCache (0x0478), $where | $($bulk.CachedSeconds) s, $($bulk.CachedGenerateDataKeyCalls) GenerateDataKey calls; $($bulk.CachedOutputsDecrypted) outputs decrypted | without the cache: $($bulk.UncachedSeconds) s, $($bulk.UncachedGenerateDataKeyCalls) calls | $([math]::Round($bulk.UncachedSeconds / [math]::Max($bulk.CachedSeconds, 0.01), 2))x faster, $($bulk.UncachedGenerateDataKeyCalls)/$($bulk.CachedGenerateDataKeyCalls) KMS calls |")
    $rows.Add("| 1,000 small files, Protect-KmsData (0x0478) with the default -ThrottleLimit 4, $where | $($bulk.UncachedSeconds) s | -ThrottleLimit 1 (one file at a time): $($bulk.OneAtATimeSeconds) s | $([math]::Round($bulk.OneAtATimeSeconds / [math]::Max($bulk.UncachedSeconds, 0.01), 2))x faster |")

    Invoke-FileThroughputBench $rows

    @(
        '# KmsPowerShell benchmark report'
        ''
        "Machine: $([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion). Every figure sits beside its peer, measured in the same run."
        ''
        '| measure | ours | peer | ratio |'
        '| --- | --- | --- | --- |'
        $rows
    ) | Set-Content (Join-Path $report 'report.md')
    Write-Host "Wrote $(Join-Path $report 'report.md')"
}

function Invoke-FileThroughputBench([Collections.Generic.List[string]] $Rows) {
    # Ours (MessageBench) and the JavaScript Encryption SDK encrypt and decrypt the same file through the local KMS over
    # HTTP (both make one KMS call per message); openssl's single-core AES-256-GCM at 16 KiB blocks is the ceiling.
    Write-Host "`n== $BenchMiB MiB file, frame length 4096: ours against the JavaScript Encryption SDK; openssl as the ceiling"
    Invoke-Native dotnet @('build', (Join-Path $root 'tests/Bench/MessageBench/MessageBench.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    Initialize-Interop
    $speed = & openssl speed -evp aes-256-gcm -seconds 3 2>$null | Where-Object { $_ -match '^aes-256-gcm\s' -or $_ -match '^AES-256-GCM\s' } | Select-Object -Last 1
    $opensslMBps = $speed ? [math]::Round([double](($speed -split '\s+')[-1] -replace 'k$', '') * 1000 / 1e6) : $null
    Write-Host "openssl speed -evp aes-256-gcm -seconds 3, 16 KiB: $opensslMBps MB/s"
    Import-Module (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1')
    $server = Start-KmsLocalServer
    $saved = $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY
    $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId; $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
    $work = New-Item -ItemType Directory -Force (Join-Path $out 'bench/work')
    try {
        Connect-Kms -EndpointUrl $server.Endpoint -Region us-east-1
        $keyArn = (New-KmsKey -Description 'bench js').Arn
        $messageBench = Join-Path $root "tests/Bench/MessageBench/bin/$Configuration/net8.0/MessageBench.dll"
        foreach ($suite in '0578', '0478') {
            $small = (& dotnet $messageBench $server.Endpoint 1 $suite 4096 $work | Select-Object -Last 1) | ConvertFrom-Json
            $ours = (& dotnet $messageBench $server.Endpoint $BenchMiB $suite 4096 $work | Select-Object -Last 1) | ConvertFrom-Json
            if (-not $ours.identical -or -not $small.identical) { throw "MessageBench did not round-trip with suite $suite." }
            $env:NODE_NO_WARNINGS = '1'
            $js = (& node (Join-Path $root 'tests/Interop/bench.mjs') $server.Endpoint $keyArn (Join-Path $work "bench-$BenchMiB.bin") $suite 4096) | ConvertFrom-Json
            if ($LASTEXITCODE -ne 0 -or -not $js.sameLength) { throw "The JavaScript Encryption SDK benchmark failed with suite $suite." }
            Write-Host "0x$suite ours: encrypt $($ours.encryptMBps) MB/s, decrypt $($ours.decryptMBps) MB/s, peak RSS $($ours.peakWorkingSetMiB) MiB ($BenchMiB MiB) vs $($small.peakWorkingSetMiB) MiB (1 MiB); JS: encrypt $($js.encryptMBps) MB/s, decrypt $($js.decryptMBps) MB/s, peak RSS $($js.peakRssMiB) MiB"
            $encRatio = [math]::Round($ours.encryptMBps / [math]::Max($js.encryptMBps, 1), 1)
            $decRatio = [math]::Round($ours.decryptMBps / [math]::Max($js.decryptMBps, 1), 1)
            $Rows.Add("| $BenchMiB MiB file, 0x$suite, frames of 4096, local KMS over HTTP: encrypt / decrypt | $($ours.encryptMBps) / $($ours.decryptMBps) MB/s ($($ours.encryptCpuSeconds) / $($ours.decryptCpuSeconds) CPU s) | JavaScript Encryption SDK (streams), same file: $($js.encryptMBps) / $($js.decryptMBps) MB/s | $encRatio x / $decRatio x; target: at least 10x |")
            # From memory to memory, both SDKs: what the code does without this machine's page cache (which limits writing
            # a new 1 GiB file here), and what openssl speed measures.
            $memory = (& dotnet $messageBench $server.Endpoint 256 $suite 4096 --memory | Select-Object -Last 1) | ConvertFrom-Json
            $jsMemory = (& node (Join-Path $root 'tests/Interop/bench.mjs') $server.Endpoint $keyArn 'memory:256' $suite 4096) | ConvertFrom-Json
            if ($LASTEXITCODE -ne 0 -or -not $jsMemory.sameLength) { throw "The JavaScript Encryption SDK in-memory benchmark failed with suite $suite." }
            Write-Host "0x$suite in memory: ours encrypt $($memory.encryptMBps) MB/s ($($memory.encryptCpuSeconds) CPU s), decrypt $($memory.decryptMBps) MB/s ($($memory.decryptCpuSeconds) CPU s); JS: $($jsMemory.encryptMBps) / $($jsMemory.decryptMBps) MB/s"
            $Rows.Add("| 256 MiB in memory (no file I/O), 0x$suite, frames of 4096: encrypt / decrypt | $($memory.encryptMBps) / $($memory.decryptMBps) MB/s ($($memory.encryptCpuSeconds) / $($memory.decryptCpuSeconds) CPU s) | JavaScript Encryption SDK (encrypt/decrypt on buffers): $($jsMemory.encryptMBps) / $($jsMemory.decryptMBps) MB/s | $([math]::Round($memory.encryptMBps / [math]::Max($jsMemory.encryptMBps, 1), 1)) x / $([math]::Round($memory.decryptMBps / [math]::Max($jsMemory.decryptMBps, 1), 1)) x; target: at least 10x |")
            if ($suite -eq '0478' -and $opensslMBps) {
                $Rows.Add("| 0x0478 encrypt / decrypt against the AES-GCM ceiling | file: $($ours.encryptMBps) / $($ours.decryptMBps) MB/s; in memory: $($memory.encryptMBps) / $($memory.decryptMBps) MB/s | openssl speed -evp aes-256-gcm -seconds 3, 16 KiB, one core: $opensslMBps MB/s | file: $([math]::Round($ours.encryptMBps / $opensslMBps, 2)) / $([math]::Round($ours.decryptMBps / $opensslMBps, 2)); in memory: $([math]::Round($memory.encryptMBps / $opensslMBps, 2)) / $([math]::Round($memory.decryptMBps / $opensslMBps, 2)); target: at least 0.5 |")
            }
            $Rows.Add("| peak RSS, 0x$suite encrypt + decrypt in one process | $BenchMiB MiB file: $($ours.peakWorkingSetMiB) MiB | 1 MiB file: $($small.peakWorkingSetMiB) MiB | +$($ours.peakWorkingSetMiB - $small.peakWorkingSetMiB) MiB; target: at most +64 MiB (JS SDK: $($js.peakRssMiB) MiB) |")
        }
    }
    finally {
        Stop-KmsLocalServer -Port $server.Port
        $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $saved
        Remove-Item $work -Recurse -Force -ErrorAction Ignore
    }
}

function Install-Afl {
    if (Get-Command afl-fuzz -ErrorAction Ignore) { return }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction Ignore)) {
        throw 'AFL++ (afl-fuzz) is missing and only Debian-like Linux can be set up here: install it, or use -FuzzEngine Mutation.'
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

function Invoke-Fuzz {
    $project = Join-Path $root 'tests/Fuzz/KmsPowerShell.Fuzz/KmsPowerShell.Fuzz.csproj'
    Invoke-Native dotnet @('build', $project, '-c', $Configuration, '--nologo', '-v', 'quiet')
    $program = Join-Path $root "tests/Fuzz/KmsPowerShell.Fuzz/bin/$Configuration/net8.0"
    $folder = Join-Path $out 'fuzz'
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
    $replay = "replay with: dotnet $(Join-Path $program 'KmsPowerShell.Fuzz.dll') --replay <file>"

    if ($FuzzEngine -eq 'Mutation') {
        Write-Host "`n== Fuzzing the message parser, decryptor and encryption-context decoder for $Seconds s (mutation, seed $Seed)"
        & dotnet (Join-Path $program 'KmsPowerShell.Fuzz.dll') --seconds $Seconds --seed $Seed --out $folder
        if ($LASTEXITCODE -ne 0) { throw "The fuzzer found failing inputs: see $folder ($replay)." }
        return
    }

    Install-Afl
    Push-Location $root
    try { Invoke-Native dotnet @('tool', 'restore') } finally { Pop-Location }
    # AFL++ needs an instrumented engine: instrument a copy, never the build output that the module ships.
    $bin = Join-Path $folder 'bin'
    $null = New-Item -ItemType Directory -Force $folder
    Copy-Item -Recurse $program $bin
    Push-Location $root
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
}

function Invoke-Demo {
    Invoke-Build
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    # A fresh process: the tour must not depend on anything this one has loaded.
    & $pwsh -NoProfile -File (Join-Path $root 'docs/examples/Demo.ps1') -ModulePath (Join-Path (Get-ModuleFolder) 'KmsPowerShell.psd1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
