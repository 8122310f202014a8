# Protects the same small files with and without -DataKeyCache on the in-process local KMS: KMS GenerateDataKey
# calls counted by the local KMS, wall time of each pass. Prints JSON.
param([Parameter(Mandatory)] [string] $ModulePath, [int] $Count = 1000)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-Kms -Local -Region us-east-1
$key = New-KmsKey -Description 'bench bulk protect'
$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.Engine' } | Select-Object -First 1
$service = $engine.GetType('KmsPowerShell.Engine.Local.LocalKmsRegistry')::Get($null).Service
$folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "kmsps-bulk-$([guid]::NewGuid())")
try {
    foreach ($i in 1..$Count) { [IO.File]::WriteAllText((Join-Path $folder "item$i.json"), "{ `"id`": $i, `"note`": `"small item $i`" }") }
    Protect-KmsData -KeyId $key.KeyId -Envelope -Value 'warm-up' | Out-Null   # SDK and JIT warm-up outside the timings
    $result = [ordered]@{ Files = $Count }
    foreach ($pass in 'Uncached', 'Cached') {
        Get-ChildItem $folder -Filter *.encrypted | Remove-Item
        $cache = @{ DataKeyCache = $pass -eq 'Cached' }
        $before = $service.CallCount('GenerateDataKey')
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-ChildItem $folder -Filter *.json | Protect-KmsData -KeyId $key.KeyId -Algorithm Aes256GcmHkdfSha512CommitKey @cache | Out-Null
        $watch.Stop()
        $result["${pass}Seconds"] = [math]::Round($watch.Elapsed.TotalSeconds, 2)
        $result["${pass}GenerateDataKeyCalls"] = $service.CallCount('GenerateDataKey') - $before
    }
    # Every output of the cached pass must decrypt (over the plaintext it came from).
    $result['CachedOutputsDecrypted'] = @(Get-ChildItem $folder -Filter *.encrypted | Unprotect-KmsData -KeyId $key.Arn -Force -ErrorAction Continue).Count
    [pscustomobject]$result | ConvertTo-Json -Compress
}
finally {
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}
