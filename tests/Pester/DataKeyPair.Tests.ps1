# New-KmsDataKeyPair. moto answers GenerateDataKeyPair with HTTP 500, so these run on the local KMS only.
BeforeDiscovery {
    $script:OnMoto = $env:KMSPS_TEST_BACKEND -eq 'moto'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester key pairs'
}

Describe 'New-KmsDataKeyPair' -Skip:$OnMoto {
    It 'returns the public key and the encrypted private key, and no private key unless asked' {
        $pair = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec ECC_NIST_P256
        $pair | Should -BeOfType ([KmsPowerShell.KmsDataKeyPair])
        $pair.KeyId | Should -Be $Key.KeyId
        $pair.KeyArn | Should -Be $Key.Arn
        $pair.KeyPairSpec | Should -Be 'ECC_NIST_P256'
        $pair.PrivateKey | Should -BeNullOrEmpty
        $pair.PrivateKeyBytes | Should -BeNullOrEmpty
        $pair.PublicKeyPem | Should -Match '^-----BEGIN PUBLIC KEY-----'
        $private = Unprotect-KmsData -Ciphertext $pair.PrivateKeyCiphertext -AsByteArray
        $ecdsa = [Security.Cryptography.ECDsa]::Create()
        $ecdsa.ImportPkcs8PrivateKey([byte[]]$private, [ref]$null)
        $ecdsa.ExportSubjectPublicKeyInfo() | Should -Be $pair.PublicKey
    }

    It 'returns the private key as PEM in a SecureString with -IncludePrivateKey, and openssl reads it' {
        $pair = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec RSA_2048 -IncludePrivateKey -EncryptionContext @{ app = 'pester' }
        $pair.PrivateKey | Should -BeOfType ([securestring])
        $pem = [pscredential]::new('x', $pair.PrivateKey).GetNetworkCredential().Password
        $pem | Should -Match '^-----BEGIN PRIVATE KEY-----'
        $file = Join-Path $TestDrive 'private.pem'
        Set-Content -Path $file -Value $pem
        $public = & openssl pkey -in $file -pubout 2>&1
        $LASTEXITCODE | Should -Be 0
        ($public -join "`n").Trim() | Should -Be $pair.PublicKeyPem.Trim()
        Unprotect-KmsData -Ciphertext $pair.PrivateKeyCiphertextBlob -EncryptionContext @{ app = 'pester' } -AsByteArray | Should -Not -BeNullOrEmpty
    }

    It 'returns the private key as PKCS#8 DER with -AsByteArray' {
        $pair = $Key | New-KmsDataKeyPair -KeyPairSpec ECC_NIST_P384 -AsByteArray
        $ecdsa = [Security.Cryptography.ECDsa]::Create()
        $ecdsa.ImportPkcs8PrivateKey($pair.PrivateKeyBytes, [ref]$null)
        $ecdsa.KeySize | Should -Be 384
        $ecdsa.ExportSubjectPublicKeyInfo() | Should -Be $pair.PublicKey
    }

    It 'makes an Ed25519 pair: openssl signs with the PEM private key and verifies with the public key' {
        $pair = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec ECC_NIST_EDWARDS25519 -IncludePrivateKey
        $pair.KeyPairSpec | Should -Be 'ECC_NIST_EDWARDS25519'
        $private = Join-Path $TestDrive 'ed25519.pem'
        Set-Content -Path $private -Value ([pscredential]::new('x', $pair.PrivateKey).GetNetworkCredential().Password)
        $public = Join-Path $TestDrive 'ed25519.pub.pem'
        Set-Content -Path $public -Value $pair.PublicKeyPem
        $message = Join-Path $TestDrive 'message.txt'
        Set-Content -Path $message -Value 'signed outside KMS' -NoNewline
        $signature = Join-Path $TestDrive 'message.sig'

        $signed = & openssl pkeyutl -sign -inkey $private -rawin -in $message -out $signature 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($signed -join "`n")
        $verified = & openssl pkeyutl -verify -pubin -inkey $public -rawin -in $message -sigfile $signature 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($verified -join "`n")
        ((& openssl pkey -in $private -pubout 2>&1) -join "`n").Trim() | Should -Be $pair.PublicKeyPem.Trim()
    }

    It 'makes <Spec> pairs: a PKCS#8 private key in seed format and the SubjectPublicKeyInfo of the spec' -ForEach @(
        @{ Spec = 'ML_KEM_512'; Oid = '2.16.840.1.101.3.4.4.1'; PublicKeyLength = 822 }
        @{ Spec = 'ML_KEM_768'; Oid = '2.16.840.1.101.3.4.4.2'; PublicKeyLength = 1206 }
        @{ Spec = 'ML_KEM_1024'; Oid = '2.16.840.1.101.3.4.4.3'; PublicKeyLength = 1590 }
    ) {
        $pair = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec $Spec -AsByteArray
        $pair.KeyPairSpec | Should -Be $Spec
        $pair.PublicKey.Length | Should -Be $PublicKeyLength
        # AWS: "the private key in seed format", so as long for every spec: the 64-byte seed as [0] IMPLICIT OCTET STRING.
        $pair.PrivateKeyBytes.Length | Should -Be 86
        $info = [Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo]::Decode($pair.PrivateKeyBytes, [ref]$null, $true)
        $info.AlgorithmId.Value | Should -Be $Oid
        $seed = $info.PrivateKeyBytes.ToArray()
        $seed[0..1] | Should -Be 0x80, 0x40
        $seed.Length | Should -Be 66
        $decrypted = Unprotect-KmsData -Ciphertext $pair.PrivateKeyCiphertextBlob -AsByteArray
        [Convert]::ToHexString($decrypted) | Should -Be ([Convert]::ToHexString($pair.PrivateKeyBytes))
    }

    It 'makes an ML-KEM pair without the private key, whose encrypted private key decrypts to the seed format' {
        $pair = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec ML_KEM_768
        $pair.PrivateKeyBytes | Should -BeNullOrEmpty
        $private = Unprotect-KmsData -Ciphertext $pair.PrivateKeyCiphertext -AsByteArray
        [Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo]::Decode([byte[]]$private, [ref]$null, $true).AlgorithmId.Value | Should -Be '2.16.840.1.101.3.4.4.2'
    }

    It 'never shows the private key in verbose output' {
        $records = New-KmsDataKeyPair -KeyId $Key.KeyId -KeyPairSpec ECC_NIST_P256 -IncludePrivateKey -Verbose 4>&1
        ($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | Out-String) | Should -Not -Match '-----BEGIN'
    }

    It 'refuses an asymmetric KMS key' {
        $rsa = New-KmsKey -Description 'pester pair rsa' -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
        New-KmsDataKeyPair -KeyId $rsa.KeyId -KeyPairSpec ECC_NIST_P256 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Data.NewKmsDataKeyPairCommand'
    }
}
