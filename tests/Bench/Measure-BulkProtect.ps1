# Protects the same small files one at a time, four at a time (the default -ThrottleLimit), and four at a time with
# -DataKeyCache, through the local KMS server over loopback HTTP with every KMS call delayed by -KmsLatencyMs (KMS from
# inside its region answers in milliseconds, not microseconds), alternating the three passes for -Runs rounds. Each pass
# opens a fresh session, so no pass reuses another's cached data keys. KMS GenerateDataKey calls are counted by the
# local KMS. Prints every round's figures as JSON.
param([Parameter(Mandatory)] [string] $ModulePath, [int] $Count = 1000, [int] $Runs = 5, [int] $KmsLatencyMs = 10)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$server = Start-KmsLocalServer
$saved = $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY
$env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $server.AccessKeyId, $server.SecretAccessKey
$localKms = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.LocalKms' } | Select-Object -First 1
$service = $localKms.GetType('KmsPowerShell.LocalKms.LocalKmsRegistry')::Get($null).Service
$folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "kmsps-bulk-$([guid]::NewGuid())")
try {
    Connect-Kms -EndpointUrl $server.Endpoint -Region us-east-1
    $key = New-KmsKey -Description 'bench bulk protect'
    foreach ($i in 1..$Count) { [IO.File]::WriteAllText((Join-Path $folder "item$i.json"), "{ `"id`": $i, `"note`": `"small item $i`" }") }
    Protect-KmsData -KeyId $key.KeyId -Envelope -Value 'warm-up' | Out-Null   # SDK and JIT warm-up outside the timings
    Set-KmsLocalFault -SlowRate 1 -SlowDelay ([TimeSpan]::FromMilliseconds($KmsLatencyMs))
    $passes = [ordered]@{
        OneAtATime = @{ ThrottleLimit = 1 }
        Uncached   = @{}
        Cached     = @{ DataKeyCache = $true }
    }
    $rounds = for ($round = 0; $round -lt $Runs; $round++) {
        $result = [ordered]@{}
        foreach ($pass in $passes.Keys) {
            Get-ChildItem $folder -Filter *.encrypted | Remove-Item
            Connect-Kms -EndpointUrl $server.Endpoint -Region us-east-1
            $options = $passes[$pass]
            $before = $service.CallCount('GenerateDataKey')
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Get-ChildItem $folder -Filter *.json | Protect-KmsData -KeyId $key.KeyId -Algorithm Aes256GcmHkdfSha512CommitKey @options | Out-Null
            $watch.Stop()
            $result["${pass}Seconds"] = $watch.Elapsed.TotalSeconds
            $result["${pass}GenerateDataKeyCalls"] = $service.CallCount('GenerateDataKey') - $before
        }
        [pscustomobject]$result
    }
    Set-KmsLocalFault
    # Every output of the last cached pass must decrypt (over the plaintext it came from).
    $decrypted = @(Get-ChildItem $folder -Filter *.encrypted | Unprotect-KmsData -KeyId $key.Arn -Force -ErrorAction Continue).Count
    [pscustomobject]@{ Files = $Count; KmsLatencyMs = $KmsLatencyMs; CachedOutputsDecrypted = $decrypted; Rounds = @($rounds) } | ConvertTo-Json -Depth 3 -Compress
}
finally {
    Set-KmsLocalFault
    Stop-KmsLocalServer -Port $server.Port
    $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $saved
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}
