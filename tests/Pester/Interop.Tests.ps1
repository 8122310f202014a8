# The cmdlets against the AWS Encryption SDK for JavaScript, both ways, on the backend under test (for the local
# backend: its HTTP server, which shares keys with the in-process local KMS the cmdlets use).
BeforeDiscovery {
    $script:InteropFolder = Join-Path $PSScriptRoot '../Interop'
    $script:NodeReady = (Get-Command node -ErrorAction Ignore) -and (Test-Path (Join-Path $InteropFolder 'node_modules/@aws-crypto/client-node'))
    if (-not $NodeReady -and $env:CI -eq 'true') { throw 'node and tests/Interop/node_modules are mandatory in CI.' }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester interop'
    $script:Script = Join-Path $PSScriptRoot '../Interop/esdk.mjs'

    function Invoke-JsEncryptionSdk([object[]] $Jobs) {
        $spec = Join-Path $TestDrive "jobs-$([guid]::NewGuid()).json"
        @{ endpoint = $Endpoint; accessKeyId = $AccessKey; secretAccessKey = $SecretKey; jobs = $Jobs } | ConvertTo-Json -Depth 5 | Set-Content $spec
        $env:NODE_NO_WARNINGS = '1'
        $output = & node $Script $spec
        $LASTEXITCODE | Should -Be 0
        $output | ConvertFrom-Json
    }

    function New-Data([string] $Name, [int] $Bytes) {
        $path = Join-Path $TestDrive $Name
        $data = [byte[]]::new($Bytes)
        [Random]::new($Bytes).NextBytes($data)
        [IO.File]::WriteAllBytes($path, $data)
        $path
    }
}

Describe 'interop with the AWS Encryption SDK for JavaScript' -Skip:(-not $NodeReady) {
    It 'decrypts in JavaScript what Protect-KmsData wrote with suite <Suite>' -ForEach @(@{ Suite = '0578' }, @{ Suite = '0478' }) {
        $plain = New-Data "ours-$Suite.bin" 10000
        $message = Protect-KmsData -KeyId $Key.Arn -Path $plain -Algorithm ([int]"0x$Suite") -EncryptionContext @{ purpose = 'interop ✓' }
        $results = Invoke-JsEncryptionSdk @(@{ op = 'decrypt'; keyIds = @($Key.Arn); input = $message.FullName; output = "$plain.js" })
        $results[0].ok | Should -BeTrue -Because $results[0].error
        (Get-FileHash "$plain.js").Hash | Should -Be (Get-FileHash $plain).Hash
        $results[0].context.purpose | Should -Be 'interop ✓'
    }

    It 'decrypts with Unprotect-KmsData what JavaScript wrote with suite <Suite>' -ForEach @(@{ Suite = '0578' }, @{ Suite = '0478' }) {
        $plain = New-Data "theirs-$Suite.bin" 9000
        $results = Invoke-JsEncryptionSdk @(@{ op = 'encrypt'; keyIds = @($Key.Arn); suite = $Suite; frameLength = 4096; context = @{ team = 'ops' }; input = $plain; output = "$plain.encrypted" })
        $results[0].ok | Should -BeTrue -Because $results[0].error
        $decrypted = Unprotect-KmsData -Path "$plain.encrypted" -KeyId $Key.Arn -EncryptionContext @{ team = 'ops' } -OutFile "$plain.ours"
        (Get-FileHash $decrypted.FullName).Hash | Should -Be (Get-FileHash $plain).Hash
    }
}
