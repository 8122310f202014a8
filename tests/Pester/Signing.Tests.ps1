# New-KmsSignature, Test-KmsSignature and Get-KmsPublicKey. openssl is the independent judge of our signatures.
BeforeDiscovery {
    $script:OnMoto = $env:KMSPS_TEST_BACKEND -eq 'moto'
    # moto signs DIGEST messages after hashing them again, uses the maximum PSS salt, and answers GetPublicKey
    # with a bare key id: what depends on those runs on the local KMS only.
    $script:OpenSslCases = @(
        @{ Spec = 'RSA'; Algorithm = 'RSASSA_PKCS1_V1_5_SHA_256'; Digest = '-sha256'; Pss = $false }
        @{ Spec = 'RSA'; Algorithm = 'RSASSA_PSS_SHA_256'; Digest = '-sha256'; Pss = $true }
        @{ Spec = 'RSA'; Algorithm = 'RSASSA_PSS_SHA_512'; Digest = '-sha512'; Pss = $true }
        @{ Spec = 'P256'; Algorithm = 'ECDSA_SHA_256'; Digest = '-sha256'; Pss = $false }
        @{ Spec = 'P384'; Algorithm = 'ECDSA_SHA_384'; Digest = '-sha384'; Pss = $false }
        @{ Spec = 'P521'; Algorithm = 'ECDSA_SHA_512'; Digest = '-sha512'; Pss = $false }
    )
    $script:AgreementCases = @(
        @{ Spec = 'RSA'; Algorithm = 'RSASSA_PKCS1_V1_5_SHA_256'; MotoDiffers = $false }
        @{ Spec = 'RSA'; Algorithm = 'RSASSA_PSS_SHA_384'; MotoDiffers = $true }
        @{ Spec = 'P256'; Algorithm = 'ECDSA_SHA_256'; MotoDiffers = $false }
        @{ Spec = 'P521'; Algorithm = 'ECDSA_SHA_512'; MotoDiffers = $false }
        @{ Spec = 'K1'; Algorithm = 'ECDSA_SHA_256'; MotoDiffers = $false }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Keys = @{
        RSA  = New-KmsKey -Description 'pester signing rsa' -KeySpec RSA_2048 -KeyUsage SIGN_VERIFY
        P256 = New-KmsKey -Description 'pester signing p256' -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
        P384 = New-KmsKey -Description 'pester signing p384' -KeySpec ECC_NIST_P384 -KeyUsage SIGN_VERIFY
        P521 = New-KmsKey -Description 'pester signing p521' -KeySpec ECC_NIST_P521 -KeyUsage SIGN_VERIFY
        K1   = New-KmsKey -Description 'pester signing secp256k1' -KeySpec ECC_SECG_P256K1 -KeyUsage SIGN_VERIFY
    }
    $script:Symmetric = New-KmsKey -Description 'pester signing symmetric'
    $script:Message = 'sign me ✓'
    $script:BigFile = Join-Path $TestDrive 'big.bin'
    $bytes = [byte[]]::new(300KB)
    [Random]::new(7).NextBytes($bytes)
    [IO.File]::WriteAllBytes($BigFile, $bytes)

    function Invoke-OpenSslVerify([string] $Digest, [string] $Pem, [string] $Signature, [string] $File, [bool] $Pss) {
        $options = $Pss ? @('-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:digest') : @()
        $output = & openssl dgst $Digest -verify $Pem @options -signature $Signature $File 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output -join "`n") }
    }
}

Describe 'New-KmsSignature on files, judged by openssl' {
    It 'signs a file with <Algorithm> that openssl verifies with the PEM from Get-KmsPublicKey' -ForEach $OpenSslCases -Skip:$OnMoto {
        $key = $Keys[$Spec]
        $signature = Join-Path $TestDrive "$Algorithm.sig"
        $pem = Join-Path $TestDrive "$Algorithm.pem"
        New-KmsSignature -KeyId $key.KeyId -Path $BigFile -SigningAlgorithm $Algorithm -OutFile $signature | Should -BeNullOrEmpty
        Get-KmsPublicKey -KeyId $key.KeyId -OutFile $pem
        Get-Content -Raw $pem | Should -Match '^-----BEGIN PUBLIC KEY-----'

        $verified = Invoke-OpenSslVerify $Digest $pem $signature $BigFile $Pss
        $verified.Output | Should -Match 'Verified OK'
        $verified.ExitCode | Should -Be 0

        $tampered = Join-Path $TestDrive 'tampered.bin'
        $bytes = [IO.File]::ReadAllBytes($BigFile); $bytes[1000] = $bytes[1000] -bxor 1
        [IO.File]::WriteAllBytes($tampered, $bytes)
        (Invoke-OpenSslVerify $Digest $pem $signature $tampered $Pss).ExitCode | Should -Not -Be 0
    }

    It 'signs piped files, each once, as DIGEST' -Skip:$OnMoto {
        $files = 1..3 | ForEach-Object { $f = Join-Path $TestDrive "piped-$_.txt"; Set-Content $f "file $_"; $f }
        $signatures = Get-ChildItem $files | New-KmsSignature -KeyId $Keys.P256.KeyId
        $signatures.Count | Should -Be 3
        $signatures.MessageType | Select-Object -Unique | Should -Be 'DIGEST'
        $signatures.File | Should -Be (Get-ChildItem $files).FullName
        foreach ($signature in $signatures) {
            Test-KmsSignature -KeyId $Keys.P256.KeyId -LiteralPath $signature.File -Signature $signature.Signature | Should -BeTrue
        }
    }
}

Describe 'Test-KmsSignature online and offline' {
    It 'agrees online and offline for <Algorithm>, and says $false for a tampered signature' -ForEach $AgreementCases {
        if ($OnMoto -and $MotoDiffers) { Set-ItResult -Skipped -Because 'moto uses the maximum PSS salt length, not the digest length' }
        $key = $Keys[$Spec]
        $signature = New-KmsSignature -KeyId $key.KeyId -Message $Message -SigningAlgorithm $Algorithm
        $signature | Should -BeOfType ([KmsPowerShell.KmsSignature])
        $signature.MessageType | Should -Be 'RAW'
        [Convert]::FromBase64String($signature.SignatureBase64) | Should -Be $signature.Signature

        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $signature.Signature -SigningAlgorithm $Algorithm | Should -BeTrue
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $signature.Signature -SigningAlgorithm $Algorithm -Offline | Should -BeTrue

        $bad = [byte[]]$signature.Signature.Clone(); $bad[-1] = $bad[-1] -bxor 0x40
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $bad -SigningAlgorithm $Algorithm | Should -BeFalse
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $bad -SigningAlgorithm $Algorithm -Offline | Should -BeFalse
        Test-KmsSignature -KeyId $key.KeyId -Message "$Message!" -Signature $signature.Signature -SigningAlgorithm $Algorithm | Should -BeFalse
        Test-KmsSignature -KeyId $key.KeyId -Message "$Message!" -Signature $signature.Signature -SigningAlgorithm $Algorithm -Offline | Should -BeFalse
    }

    It 'signs a digest without hashing it again: RAW and DIGEST verify alike, online and offline' -Skip:$OnMoto {
        $digest = [Security.Cryptography.SHA384]::HashData([Text.Encoding]::UTF8.GetBytes($Message))
        $signature = New-KmsSignature -KeyId $Keys.P384.KeyId -Message $digest -MessageType DIGEST
        $signature.SigningAlgorithm | Should -Be 'ECDSA_SHA_384'
        Test-KmsSignature -KeyId $Keys.P384.KeyId -Message $Message -Signature $signature.Signature | Should -BeTrue
        Test-KmsSignature -KeyId $Keys.P384.KeyId -Message $Message -Signature $signature.Signature -Offline | Should -BeTrue
        Test-KmsSignature -KeyId $Keys.P384.KeyId -Message $digest -MessageType DIGEST -Signature $signature.Signature -Offline | Should -BeTrue
    }

    It 'takes a piped KmsSignature, and base64 text for -Signature' {
        New-KmsSignature $Keys.P256.KeyId $Message | Test-KmsSignature -Message $Message | Should -BeTrue
        $text = (New-KmsSignature $Keys.P256.KeyId $Message).SignatureBase64
        Test-KmsSignature -KeyId $Keys.P256.KeyId -Message $Message -Signature $text | Should -BeTrue
    }

    It 'fetches the public key once per key per session for -Offline' -Skip:$OnMoto {
        $signature = New-KmsSignature -KeyId $Keys.P521.KeyId -Message $Message
        $session = Connect-Kms -EndpointUrl $Endpoint -Region us-east-1 -PassThru
        $first = Test-KmsSignature -Session $session -KeyId $Keys.P521.KeyId -Message $Message -Signature $signature.Signature -Offline -Verbose 4>&1
        ($first | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'Fetched the public key'
        $second = Test-KmsSignature -Session $session -KeyId $Keys.P521.KeyId -Message $Message -Signature $signature.Signature -Offline -Verbose 4>&1
        ($second | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Not -Match 'Fetched the public key'
        $second | Where-Object { $_ -is [bool] } | Should -BeTrue
        Disconnect-Kms -Session $session
        Connect-TestKms
    }
}

Describe 'refusing what cannot work, before any signing call' {
    It 'refuses a -Message over 4096 bytes and points to -Path' {
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message ('x' * 4097) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MessageTooLarge,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match '-Path'
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message ('x' * 4096) | Should -Not -BeNullOrEmpty
    }

    It 'refuses an algorithm that does not fit the key, naming the one that does' {
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message $Message -SigningAlgorithm RSASSA_PSS_SHA_256 -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'SigningAlgorithmInvalid,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match 'ECDSA_SHA_256'
    }

    It 'asks for an algorithm when the key has several' {
        New-KmsSignature -KeyId $Keys.RSA.KeyId -Message $Message -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'SigningAlgorithmRequired,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match 'RSASSA_PSS_SHA_256'
    }

    It 'refuses a symmetric key for signing' {
        New-KmsSignature -KeyId $Symmetric.KeyId -Message $Message -SigningAlgorithm ECDSA_SHA_256 -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match 'SIGN_VERIFY'
    }

    It 'refuses a DIGEST of the wrong length' {
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message ([byte[]]::new(20)) -MessageType DIGEST -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'DigestLengthInvalid,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
    }

    It 'reports a missing file and goes on with the others' -Skip:$OnMoto {
        $present = Join-Path $TestDrive 'present.txt'; Set-Content $present 'here'
        $signatures = New-KmsSignature -KeyId $Keys.P256.KeyId -LiteralPath (Join-Path $TestDrive 'absent.txt'), $present -ErrorVariable failures -ErrorAction SilentlyContinue
        @($signatures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
    }

    It 'never overwrites -OutFile without -Force, and writes nothing under -WhatIf' {
        $file = Join-Path $TestDrive 'existing.sig'
        Set-Content $file 'keep me'
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message $Message -OutFile $file -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'OutFileExists,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        Get-Content $file | Should -Be 'keep me'
        New-KmsSignature -KeyId $Keys.P256.KeyId -Message $Message -OutFile $file -Force -WhatIf
        Get-Content $file | Should -Be 'keep me'
        $signature = New-KmsSignature -KeyId $Keys.P256.KeyId -Message $Message -OutFile $file -Force -PassThru
        [IO.File]::ReadAllBytes($file) | Should -Be $signature.Signature
    }
}

Describe 'Get-KmsPublicKey' {
    It 'returns DER and PEM with the key spec, usage and algorithms, for piped keys' -Skip:$OnMoto {
        $publicKeys = $Keys.RSA, $Keys.P256 | Get-KmsPublicKey
        $publicKeys.Count | Should -Be 2
        $publicKeys[0] | Should -BeOfType ([KmsPowerShell.KmsPublicKey])
        $publicKeys[0].KeyId | Should -Be $Keys.RSA.KeyId
        $publicKeys[0].KeyArn | Should -Be $Keys.RSA.Arn
        $publicKeys[0].KeySpec | Should -Be 'RSA_2048'
        $publicKeys[0].KeyUsage | Should -Be 'SIGN_VERIFY'
        $publicKeys[0].SigningAlgorithms | Should -Contain 'RSASSA_PSS_SHA_256'
        $publicKeys[1].SigningAlgorithms | Should -Be @('ECDSA_SHA_256')
        $rsa = [Security.Cryptography.RSA]::Create()
        $rsa.ImportFromPem($publicKeys[0].Pem)
        $rsa.KeySize | Should -Be 2048
        $rsa.ExportSubjectPublicKeyInfo() | Should -Be $publicKeys[0].PublicKey
    }

    It 'refuses a symmetric key' -Skip:$OnMoto {
        Get-KmsPublicKey -KeyId $Symmetric.KeyId -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnsupportedOperation,KmsPowerShell.Commands.Signing.GetKmsPublicKeyCommand'
    }
}
