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
