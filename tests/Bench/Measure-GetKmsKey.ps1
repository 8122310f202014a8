<#
.SYNOPSIS
    Get-KmsKey over N keys on the local KMS served over HTTP, beside an awscli list-keys + describe-key loop on the
    same server (describe-key timed on a sample and extrapolated to N, since one awscli process per key takes minutes).
    Prints one JSON object.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 5000,
    [int] $AwsSample = 30
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-Kms -Local -Region us-east-1
$made = 1..$Count | ForEach-Object { (New-KmsKey).KeyId }
$server = Start-KmsLocalServer
try {
    Connect-Kms -EndpointUrl $server.Endpoint.TrimEnd('/') -Region us-east-1 -AccessKey $server.AccessKeyId -SecretKey $server.SecretAccessKey
    $null = Get-KmsKey -KeyId $made[0]   # warm-up: SDK and connection
    $ours = Measure-Command { $listed = Get-KmsKey }
    $awsListMs = $null; $awsDescribeMs = $null
    if (Get-Command aws -ErrorAction Ignore) {
        $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        $endpoint = $server.Endpoint
        $awsListMs = (Measure-Command { $null = & aws --endpoint-url $endpoint --region us-east-1 kms list-keys --output json }).TotalMilliseconds
        $sample = $made | Select-Object -First $AwsSample
        $awsDescribeMs = (Measure-Command { foreach ($id in $sample) { $null = & aws --endpoint-url $endpoint --region us-east-1 kms describe-key --key-id $id --output json } }).TotalMilliseconds / $AwsSample
    }
    [pscustomobject]@{
        Keys             = $listed.Count
        GetKmsKeySeconds = [math]::Round($ours.TotalSeconds, 2)
        AwsListMs        = if ($awsListMs) { [math]::Round($awsListMs) } else { $null }
        AwsDescribeMs    = if ($awsDescribeMs) { [math]::Round($awsDescribeMs, 1) } else { $null }
        AwsSample        = $AwsSample
        AwsLoopSeconds   = if ($awsDescribeMs) { [math]::Round(($awsListMs + $awsDescribeMs * $Count) / 1000, 1) } else { $null }
    } | ConvertTo-Json
}
finally {
    Stop-KmsLocalServer -Port $server.Port
}
