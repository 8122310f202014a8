<#
.SYNOPSIS
    The compliance benchmark's KMS: a child process that seeds -Count keys over -Region in its in-process local KMS
    (memory, no state file to flush per key), serves them over loopback HTTP on a free port with every call delayed
    -LatencyMs, and answers its parent on stdin/stdout.
.DESCRIPTION
    Prints one JSON line (endpoint, port, credentials, the key ids of each region), then reads commands, answering each
    with one JSON line: 'reset' clears the server's request counts; 'counts' answers them; 'exit' (or the parent
    closing stdin) stops it. The scan runs in the parent, through the endpoint, as a user's would (the served local
    KMS answers its STS GetCallerIdentity too; STS requests are not counted).
    Keys are seeded with a mix of what the checks look at: rotation on every fourth, an alias on every fifth, an
    owner tag on every other, a grant without constraints on every tenth.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 5000,
    [string[]] $Region = @('us-east-1', 'eu-west-1', 'ap-southeast-2'),
    [int] $LatencyMs = 10
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Region = $Region -split ','   # pwsh -File passes "a,b,c" as one string
Import-Module $ModulePath
Connect-Kms -Local -Region $Region[0]
$localKms = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.LocalKms' } | Select-Object -First 1
$service = $localKms.GetType('KmsPowerShell.LocalKms.LocalKmsRegistry')::Get($null).Service
$account = (Get-KmsLocalPrincipal | Select-Object -First 1).Account
$keyIds = [ordered]@{}
foreach ($where in $Region) { $keyIds[$where] = [Collections.Generic.List[string]]::new() }
$watch = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Count; $i++) {
    $where = $Region[$i % $Region.Count]
    $tag = $i % 2 ? @{ Tag = @{ owner = "team-$($i % 7)" } } : @{}
    $key = New-KmsKey -Region $where -Description "bench compliance $i" @tag
    $keyIds[$where].Add($key.KeyId)
    if ($i % 4 -eq 0) { Enable-KmsKeyRotation -Region $where -KeyId $key.KeyId }
    if ($i % 5 -eq 0) { New-KmsAlias -Region $where -Name "alias/bench-compliance-$i" -KeyId $key.KeyId }
    if ($i % 10 -eq 0) { $null = New-KmsGrant -Region $where -KeyId $key.KeyId -GranteePrincipal "arn:aws:iam::${account}:role/bench" -Operation Decrypt }
}
$seedSeconds = $watch.Elapsed.TotalSeconds
$server = Start-KmsLocalServer
Set-KmsLocalFault -SlowRate 1 -SlowDelay ([TimeSpan]::FromMilliseconds($LatencyMs))
$service.ResetCallCounts()
[Console]::Out.WriteLine((@{
        Endpoint = $server.Endpoint.TrimEnd('/'); Port = $server.Port; AccessKeyId = $server.AccessKeyId; SecretAccessKey = $server.SecretAccessKey
        Keys = $Count; KeyIds = $keyIds; SeedSeconds = [math]::Round($seedSeconds, 1); ProcessId = $PID
    } | ConvertTo-Json -Compress -Depth 3))
try {
    while ($null -ne ($line = [Console]::In.ReadLine()) -and $line -ne 'exit') {
        switch ($line) {
            'reset' { $service.ResetCallCounts(); [Console]::Out.WriteLine('{}') }
            'counts' { [Console]::Out.WriteLine(($service.CallCounts | ConvertTo-Json -Compress)) }
        }
    }
}
finally {
    Stop-KmsLocalServer -Port $server.Port
}
