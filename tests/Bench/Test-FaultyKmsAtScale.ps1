# The Pester suite's fault case at full scale, moved here because it spends two minutes in the SDK's retry backoff:
# 1000 files protected through a local KMS that throttles 20% and fails 5% of calls with 500s. Beyond the suite's
# 100 files it shows that the SDK's retry quota, which each retry draws on, lasts a bulk run of this size.
# Every file must be written, in input order, and decrypt to its content; any failure throws. Prints JSON.
param([Parameter(Mandatory)] [string] $ModulePath, [int] $Count = 1000)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$folder = New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "kmsps-faults-$([guid]::NewGuid())")
try {
    1..$Count | ForEach-Object { Set-Content (Join-Path $folder "file$_.txt") "content $_" }
    Connect-Kms -Local -MaxAttempts 10
    $key = New-KmsKey -Description 'bench faults at scale'
    Set-KmsLocalFault -ThrottleRate 0.2 -InternalErrorRate 0.05 -Seed 7
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try { $written = Get-ChildItem $folder -Filter *.txt | Protect-KmsData -KeyId $key.KeyId -ThrottleLimit 32 -ErrorVariable failures }
    finally { Set-KmsLocalFault }
    $watch.Stop()
    if ($failures) { throw "$($failures.Count) files failed through the faulty KMS: $($failures[0])" }
    if ($written.Count -ne $Count) { throw "$($written.Count) of $Count files were protected." }
    $last = (Get-ChildItem $folder -Filter *.txt | Sort-Object Name)[-1].Name + '.encrypted'
    if ($written[-1].Name -ne $last) { throw "The output is not in input order: the last is $($written[-1].Name), not $last." }
    Get-ChildItem $folder -Filter *.txt | Remove-Item
    Get-ChildItem $folder -Filter *.encrypted | Unprotect-KmsData -KeyId $key.Arn -ErrorVariable decryptFailures | Out-Null
    if ($decryptFailures) { throw "$($decryptFailures.Count) outputs did not decrypt: $($decryptFailures[0])" }
    $decrypted = @(Get-ChildItem $folder -Filter *.txt)
    if ($decrypted.Count -ne $Count) { throw "$($decrypted.Count) of $Count outputs decrypted." }
    if ((Get-Content (Join-Path $folder 'file42.txt')) -ne 'content 42') { throw 'file42.txt did not decrypt to its content.' }
    [pscustomobject]@{ Files = $Count; ProtectSeconds = [math]::Round($watch.Elapsed.TotalSeconds, 1); Failures = 0 } | ConvertTo-Json -Compress
}
finally {
    Remove-Item -Recurse -Force $folder -ErrorAction Ignore
}
