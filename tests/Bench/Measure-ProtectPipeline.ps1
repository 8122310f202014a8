<#
.SYNOPSIS
    One sample (the best of three pipelines after a warm-up) of Protect-KmsData -Value over N values in one pipeline on
    the in-process local KMS, and of awscli's
    per-call time against the same local KMS served over HTTP. Invoke-Bench.ps1 runs it once per round, alternating
    with the raw SDK loop. Prints one JSON object.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 10000,
    [int] $AwsCalls = 5
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-Kms -Local -Region us-east-1
$key = New-KmsKey -Description 'bench'

$warmUp = 1..([Math]::Min(500, $Count)) | ForEach-Object { "value-$_" }
$null = $warmUp | Protect-KmsData -KeyId $key.KeyId
$values = 1..$Count | ForEach-Object { "value-$_" }
# The best of three timed pipelines: one sample, as the raw SDK loop's is its best of three.
$pipeline = 1..3 | ForEach-Object { Measure-Command { $null = $values | Protect-KmsData -KeyId $key.KeyId } } | Sort-Object TotalMilliseconds | Select-Object -First 1

$awsPerCallMs = $null
if ($AwsCalls -gt 0 -and (Get-Command aws -ErrorAction Ignore)) {
    $server = Start-KmsLocalServer
    $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $plain = Join-Path ([IO.Path]::GetTempPath()) "kmsps-bench-$PID.txt"
    Set-Content $plain 'value'
    try {
        $aws = Measure-Command {
            for ($i = 0; $i -lt $AwsCalls; $i++) {
                $null = & aws --endpoint-url $server.Endpoint --region us-east-1 kms encrypt --key-id $key.KeyId --plaintext "fileb://$plain" --output json
                if ($LASTEXITCODE -ne 0) { throw 'aws kms encrypt failed.' }
            }
        }
        $awsPerCallMs = $aws.TotalMilliseconds / $AwsCalls
    }
    finally {
        Remove-Item $plain -ErrorAction Ignore
        Stop-KmsLocalServer -Port $server.Port
    }
}

[pscustomobject]@{
    Calls               = $Count
    MicrosecondsPerCall = $pipeline.TotalMilliseconds * 1000 / $Count
    AwsCliMsPerCall     = $awsPerCallMs
} | ConvertTo-Json -Compress
