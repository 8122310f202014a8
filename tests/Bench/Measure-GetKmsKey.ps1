<#
.SYNOPSIS
    Get-KmsKey over N keys on the local KMS served over HTTP, beside an awscli list-keys + describe-key loop on the
    same server, alternating for -Runs rounds. describe-key is timed on -AwsSample keys a round and extrapolated to N,
    since one awscli process per key takes minutes. Prints every round's figures as one JSON object.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 5000,
    [int] $Runs = 5,
    [int] $AwsSample = 4
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-Kms -Local -Region us-east-1
$made = 1..$Count | ForEach-Object { (New-KmsKey).KeyId }
$server = Start-KmsLocalServer
try {
    Connect-Kms -EndpointUrl $server.Endpoint.TrimEnd('/') -Region us-east-1 -AccessKey $server.AccessKeyId -SecretKey $server.SecretAccessKey
    $null = Get-KmsKey -KeyId $made[0]   # warm-up: SDK and connection
    $hasAws = [bool](Get-Command aws -ErrorAction Ignore)
    if ($hasAws) {
        $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId
        $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
        $env:AWS_EC2_METADATA_DISABLED = 'true'
    }
    $endpoint = $server.Endpoint
    $rounds = for ($round = 0; $round -lt $Runs; $round++) {
        $listed = $null
        # The best of three listings: one sample, short enough that a busy machine's pauses would swamp a single one.
        $ours = [TimeSpan]::MaxValue
        for ($pass = 0; $pass -lt 3; $pass++) {
            $time = Measure-Command { $listed = Get-KmsKey }
            if ($time -lt $ours) { $ours = $time }
        }
        $awsListMs = $null; $awsDescribeMs = $null
        if ($hasAws) {
            $awsListMs = (Measure-Command { $null = & aws --endpoint-url $endpoint --region us-east-1 kms list-keys --output json }).TotalMilliseconds
            $sample = $made | Select-Object -Skip ($round * $AwsSample % $Count) -First $AwsSample
            $awsDescribeMs = (Measure-Command { foreach ($id in $sample) { $null = & aws --endpoint-url $endpoint --region us-east-1 kms describe-key --key-id $id --output json } }).TotalMilliseconds / @($sample).Count
        }
        [pscustomobject]@{
            Keys             = $listed.Count
            GetKmsKeySeconds = $ours.TotalSeconds
            AwsListMs        = $awsListMs
            AwsDescribeMs    = $awsDescribeMs
            AwsLoopSeconds   = $hasAws ? ($awsListMs + $awsDescribeMs * $Count) / 1000 : $null
        }
    }
    [pscustomobject]@{ Keys = $Count; AwsSample = $AwsSample; Rounds = @($rounds) } | ConvertTo-Json -Depth 3 -Compress
}
finally {
    Stop-KmsLocalServer -Port $server.Port
}
