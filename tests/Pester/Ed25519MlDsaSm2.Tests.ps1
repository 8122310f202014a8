# ML-DSA, Ed25519 and SM2 keys (issue 18) through the cmdlets: signing online and -Offline, EXTERNAL_MU, files with
# Ed25519ph, SM2PKE with Protect/Unprotect-KmsData, and public keys that openssl 3.0 reads. The local KMS only: moto
# does not make these keys the way AWS does.
BeforeDiscovery {
    $script:OnMoto = $env:KMSPS_TEST_BACKEND -eq 'moto'
    $script:SigningCases = @(
        @{ Spec = 'ML_DSA_44'; Algorithm = 'ML_DSA_SHAKE_256'; Length = 2420 }
        @{ Spec = 'ML_DSA_87'; Algorithm = 'ML_DSA_SHAKE_256'; Length = 4627 }
        @{ Spec = 'ECC_NIST_EDWARDS25519'; Algorithm = 'ED25519_SHA_512'; Length = 64 }
        @{ Spec = 'SM2'; Algorithm = 'SM2DSA'; Length = 0 }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Keys = @{}
    if ($env:KMSPS_TEST_BACKEND -ne 'moto') {
        foreach ($spec in 'ML_DSA_44', 'ML_DSA_87', 'ECC_NIST_EDWARDS25519', 'SM2') {
            $Keys[$spec] = New-KmsKey -Description "pester $spec" -KeySpec $spec -KeyUsage SIGN_VERIFY
        }
        $script:Sm2Encryption = New-KmsKey -Description 'pester SM2PKE' -KeySpec SM2 -KeyUsage ENCRYPT_DECRYPT
    }
    $script:Message = 'sign me ✓'
    $script:MessageFile = Join-Path $TestDrive 'message.txt'
    [IO.File]::WriteAllText($MessageFile, $Message)
}

Describe 'New-KmsSignature and Test-KmsSignature with ML-DSA, Ed25519 and SM2 keys' -Skip:$OnMoto {
    It 'signs with <Algorithm> (<Spec>), verified online and offline, and a tampered signature is $false' -ForEach $SigningCases {
        $key = $Keys[$Spec]
        $signature = New-KmsSignature -KeyId $key.KeyId -Message $Message -SigningAlgorithm $Algorithm
        if ($Length) { $signature.Signature.Length | Should -Be $Length }
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $signature.Signature -SigningAlgorithm $Algorithm | Should -BeTrue
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $signature.Signature -SigningAlgorithm $Algorithm -Offline | Should -BeTrue
        $tampered = [byte[]]$signature.Signature.Clone()
        $tampered[5] = $tampered[5] -bxor 1
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $tampered -SigningAlgorithm $Algorithm -Offline | Should -BeFalse
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $tampered -SigningAlgorithm $Algorithm | Should -BeFalse
    }

    It 'picks the one algorithm of an ML-DSA key, and asks which for Ed25519, which has two' {
        (New-KmsSignature -KeyId $Keys.ML_DSA_44.KeyId -Message $Message).SigningAlgorithm | Should -Be 'ML_DSA_SHAKE_256'
        New-KmsSignature -KeyId $Keys.ECC_NIST_EDWARDS25519.KeyId -Message $Message -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'SigningAlgorithmRequired,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match 'ED25519_PH_SHA_512'
    }

    It 'signs a file with ED25519_PH_SHA_512 (hashed here with SHA-512, sent as DIGEST), verified online and offline' {
        $key = $Keys.ECC_NIST_EDWARDS25519
        $signature = New-KmsSignature -KeyId $key.KeyId -Path $MessageFile -SigningAlgorithm ED25519_PH_SHA_512
        $signature.MessageType | Should -Be 'DIGEST'
        $digest = [Security.Cryptography.SHA512]::HashData([IO.File]::ReadAllBytes($MessageFile))
        Test-KmsSignature -KeyId $key.KeyId -Message $digest -MessageType DIGEST -Signature $signature.Signature -SigningAlgorithm ED25519_PH_SHA_512 | Should -BeTrue
        Test-KmsSignature -KeyId $key.KeyId -Path $MessageFile -Signature $signature.Signature -SigningAlgorithm ED25519_PH_SHA_512 -Offline | Should -BeTrue
    }

    It 'signs ML-DSA''s external mu, which verifies as the RAW message offline' {
        $key = $Keys.ML_DSA_44
        $spki = (Get-KmsPublicKey -KeyId $key.KeyId).PublicKey
        # ML-DSA-44's public key is the last 1312 bytes of its SubjectPublicKeyInfo; mu = SHAKE256(SHAKE256(pk) || 0 || 0 || M).
        $tr = [Security.Cryptography.Shake256]::HashData([byte[]]$spki[($spki.Length - 1312)..($spki.Length - 1)], 64)
        $mu = [Security.Cryptography.Shake256]::HashData([byte[]]($tr + [byte[]](0, 0) + [Text.Encoding]::UTF8.GetBytes($Message)), 64)

        $signature = New-KmsSignature -KeyId $key.KeyId -Message $mu -MessageType EXTERNAL_MU

        $signature.MessageType | Should -Be 'EXTERNAL_MU'
        Test-KmsSignature -KeyId $key.KeyId -Message $Message -Signature $signature.Signature -Offline | Should -BeTrue
        Test-KmsSignature -KeyId $key.KeyId -Message $mu -MessageType EXTERNAL_MU -Signature $signature.Signature -Offline | Should -BeTrue
        Test-KmsSignature -KeyId $key.KeyId -Message $mu -MessageType EXTERNAL_MU -Signature $signature.Signature | Should -BeTrue
    }
}

Describe 'refusing message types and sizes an algorithm cannot take, before any signing call' -Skip:$OnMoto {
    It 'refuses <Type> for <Algorithm> with MessageTypeInvalid, naming what it takes' -ForEach @(
        @{ Spec = 'ECC_NIST_EDWARDS25519'; Algorithm = 'ED25519_PH_SHA_512'; Type = 'RAW'; Takes = 'DIGEST' }
        @{ Spec = 'ECC_NIST_EDWARDS25519'; Algorithm = 'ED25519_SHA_512'; Type = 'DIGEST'; Takes = 'RAW' }
        @{ Spec = 'ML_DSA_44'; Algorithm = 'ML_DSA_SHAKE_256'; Type = 'DIGEST'; Takes = 'RAW or EXTERNAL_MU' }
        @{ Spec = 'SM2'; Algorithm = 'SM2DSA'; Type = 'EXTERNAL_MU'; Takes = 'RAW or DIGEST' }
    ) {
        New-KmsSignature -KeyId $Keys[$Spec].KeyId -Message ([byte[]]::new(64)) -MessageType $Type -SigningAlgorithm $Algorithm -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MessageTypeInvalid,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -BeLike "*takes $Takes."
    }

    It 'refuses an external mu that is not 64 bytes' {
        New-KmsSignature -KeyId $Keys.ML_DSA_44.KeyId -Message ([byte[]]::new(32)) -MessageType EXTERNAL_MU -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'DigestLengthInvalid,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
    }

    It 'refuses a 4097-byte ML-DSA message and points to EXTERNAL_MU' {
        New-KmsSignature -KeyId $Keys.ML_DSA_44.KeyId -Message ([byte[]]::new(4097)) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MessageTooLarge,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        $failures[0].Exception.Message | Should -Match 'EXTERNAL_MU'
    }

    It 'refuses a file for an algorithm whose digest needs the key (SM2DSA)' {
        New-KmsSignature -KeyId $Keys.SM2.KeyId -Path $MessageFile -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'SigningAlgorithmUnsupported,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
    }
}

Describe 'Get-KmsPublicKey -OutFile for openssl' -Skip:$OnMoto {
    It 'writes an Ed25519 PEM with which openssl verifies the signature' {
        $pem = Join-Path $TestDrive 'ed25519.pem'
        $signature = Join-Path $TestDrive 'ed25519.sig'
        Get-KmsPublicKey -KeyId $Keys.ECC_NIST_EDWARDS25519.KeyId -OutFile $pem
        New-KmsSignature -KeyId $Keys.ECC_NIST_EDWARDS25519.KeyId -Message $Message -SigningAlgorithm ED25519_SHA_512 -OutFile $signature

        $output = & openssl pkeyutl -verify -pubin -inkey $pem -rawin -in $MessageFile -sigfile $signature 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
    }

    It 'writes an SM2 PEM with which openssl verifies SM2DSA (SM3, distinguishing id 1234567812345678)' {
        $pem = Join-Path $TestDrive 'sm2.pem'
        $signature = Join-Path $TestDrive 'sm2.sig'
        Get-KmsPublicKey -KeyId $Keys.SM2.KeyId -OutFile $pem
        New-KmsSignature -KeyId $Keys.SM2.KeyId -Message $Message -OutFile $signature

        $output = & openssl pkeyutl -verify -pubin -inkey $pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in $MessageFile -sigfile $signature 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
    }
}

Describe 'Protect-KmsData and Unprotect-KmsData with SM2PKE' -Skip:$OnMoto {
    It 'round-trips a value, and decrypts what openssl encrypted with the public key' {
        $ciphertext = Protect-KmsData -KeyId $Sm2Encryption.KeyId -Value 'for SM2' -EncryptionAlgorithm SM2PKE
        Unprotect-KmsData $ciphertext -KeyId $Sm2Encryption.KeyId -EncryptionAlgorithm SM2PKE -AsPlainText | Should -BeExactly 'for SM2'

        $pem = Join-Path $TestDrive 'sm2-encryption.pem'
        $sealed = Join-Path $TestDrive 'sealed.bin'
        Get-KmsPublicKey -KeyId $Sm2Encryption.KeyId -OutFile $pem
        $output = & openssl pkeyutl -encrypt -pubin -inkey $pem -in $MessageFile -out $sealed 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        Unprotect-KmsData ([IO.File]::ReadAllBytes($sealed)) -KeyId $Sm2Encryption.KeyId -EncryptionAlgorithm SM2PKE -AsPlainText | Should -BeExactly $Message
    }

    It 'asks for -EncryptionAlgorithm SM2PKE when it is missing' {
        Protect-KmsData -KeyId $Sm2Encryption.KeyId -Value 'x' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].Exception.Message | Should -Match 'SM2PKE'
    }
}
