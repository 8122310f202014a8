<#
.SYNOPSIS
    Get-KmsComplianceFinding over -Count keys in three regions, beside awscli loops asking KMS the same questions, on
    a local KMS server in a child process (tests/Bench/Start-SeededKmsServer.ps1) that delays every call -LatencyMs.
    The scan runs in this process through the server's endpoint, as a user's would; so do the awscli processes.
.DESCRIPTION
    Alternates for -Runs rounds: our whole scan, then the awscli loop on -AwsSample keys of the round (spread over the
    regions), extrapolated to -Count keys, since one awscli process per call takes hours at 5,000 keys. The awscli loop
    lists keys, aliases and custom key stores per region, then per key runs describe-key, get-key-policy, list-grants,
    get-key-rotation-status, list-resource-tags and get-key-last-usage: what the scan reads (it asks list-key-rotations
    only for keys with imported material, and the seeded keys have none). The server counts the
    requests of both sides. Prints every round's figures as one JSON object.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 5000,
    [int] $Runs = 5,
    [int] $AwsSample = 6,
    [int] $LatencyMs = 10
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # the scan's progress bars are not what is measured
$ModulePath = (Resolve-Path $ModulePath).Path
$regions = 'us-east-1', 'eu-west-1', 'ap-southeast-2'
$perKeyCommands = 'describe-key', 'get-key-policy', 'list-grants', 'get-key-rotation-status', 'list-resource-tags', 'get-key-last-usage'
$perRegionCommands = 'list-keys', 'list-aliases', 'describe-custom-key-stores'

$start = [Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')))
foreach ($argument in '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Start-SeededKmsServer.ps1'), '-ModulePath', $ModulePath,
    '-Count', $Count, '-LatencyMs', $LatencyMs, '-Region', ($regions -join ',')) { $start.ArgumentList.Add([string]$argument) }
$start.RedirectStandardInput = $true; $start.RedirectStandardOutput = $true; $start.UseShellExecute = $false
$child = [Diagnostics.Process]::Start($start)

# The child's next JSON line (anything else it prints, such as warnings, is skipped).
function Read-Child {
    while ($null -ne ($line = $child.StandardOutput.ReadLine())) { if ($line.StartsWith('{')) { return $line | ConvertFrom-Json -AsHashtable } }
    $null = $child.WaitForExit(10000)
    throw "The benchmark's local KMS server (process $($child.Id)) ended early with exit code $($child.ExitCode)."
}
function Send-Child([string] $Command) { $child.StandardInput.WriteLine($Command); $child.StandardInput.Flush(); Read-Child }
function Get-Calls { $counts = Send-Child 'counts'; ($counts.Values | Measure-Object -Sum).Sum ?? 0 }

try {
    $server = Read-Child
    $keyIds = $server.KeyIds
    Import-Module $ModulePath
    Connect-Kms -EndpointUrl $server.Endpoint -Region $regions[0] -AccessKey $server.AccessKeyId -SecretKey $server.SecretAccessKey -WarningAction SilentlyContinue
    $null = Get-KmsComplianceFinding -Region $regions[0] -KeyId $keyIds[$regions[0]][0]   # warm-up: SDK, connection and the scan's code
    $hasAws = [bool](Get-Command aws -ErrorAction Ignore)
    if ($hasAws) {
        $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
        $env:AWS_EC2_METADATA_DISABLED = 'true'
    }
    $aws = { param($Region, $Command, $More) $null = & aws --endpoint-url $server.Endpoint --region $Region kms $Command @More --output json; if ($LASTEXITCODE) { throw "aws kms $Command failed." } }
    $rounds = for ($round = 0; $round -lt $Runs; $round++) {
        $null = Send-Child 'reset'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $findings = @(Get-KmsComplianceFinding -Region $regions)
        $watch.Stop()
        $operations = Send-Child 'counts'
        $scanCalls = ($operations.Values | Measure-Object -Sum).Sum ?? 0
        $result = [ordered]@{ ScanSeconds = $watch.Elapsed.TotalSeconds; Findings = $findings.Count; ScanCalls = $scanCalls; ScanCallsPerKey = [math]::Round($scanCalls / $Count, 2) }
        if ($hasAws) {
            $null = Send-Child 'reset'
            $listMs = (Measure-Command { foreach ($region in $regions) { foreach ($command in $perRegionCommands) { & $aws $region $command @() } } }).TotalMilliseconds
            $listCalls = Get-Calls
            # A different slice of the keys each round, taking keys from each region in turn.
            $sample = for ($i = 0; $i -lt $AwsSample; $i++) {
                $region = $regions[$i % $regions.Count]; $ids = $keyIds[$region]
                [pscustomobject]@{ Region = $region; KeyId = $ids[($round * $AwsSample + $i) % $ids.Count] }
            }
            $null = Send-Child 'reset'
            $keyMs = (Measure-Command { foreach ($key in $sample) { foreach ($command in $perKeyCommands) { & $aws $key.Region $command @('--key-id', $key.KeyId) } } }).TotalMilliseconds / $AwsSample
            $keyCalls = (Get-Calls) / $AwsSample
            $result.AwsListMs = $listMs
            $result.AwsMsPerKey = $keyMs
            $result.AwsLoopSeconds = ($listMs + $keyMs * $Count) / 1000
            $result.AwsCallsPerKey = [math]::Round(($listCalls + $keyCalls * $Count) / $Count, 2)
        }
        [pscustomobject]$result
    }
    [pscustomobject]@{
        Keys = $Count; Regions = $regions; LatencyMs = $LatencyMs; SeedSeconds = $server.SeedSeconds; AwsSample = $AwsSample
        AwsPerKeyCommands = $perKeyCommands; ScanOperations = $operations; Rounds = @($rounds)
    } | ConvertTo-Json -Depth 3 -Compress
}
finally {
    if (-not $child.HasExited) { $child.StandardInput.WriteLine('exit'); $child.StandardInput.Close() }
    if (-not $child.WaitForExit(10000)) { Stop-Process -Id $child.Id -Force }
}
