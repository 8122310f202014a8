# Get-KmsSharedSecret (DeriveSharedSecret), New-KmsEncapsulatedSecret and Unprotect-KmsEncapsulatedSecret (ML-KEM)
# end to end on the local KMS; moto has none of these operations.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms

    function ConvertFrom-SecretText([securestring] $Secret) {
        [Convert]::FromBase64String([Net.NetworkCredential]::new('', $Secret).Password)
    }
}

Describe 'Get-KmsSharedSecret' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $script:Alice = New-KmsKey -KeySpec ECC_NIST_P256 -KeyUsage KEY_AGREEMENT -Description 'pester ecdh alice'
        $script:Bob = New-KmsKey -KeySpec ECC_NIST_P256 -KeyUsage KEY_AGREEMENT -Description 'pester ecdh bob'
        $script:Signer = New-KmsKey -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY -Description 'pester ecdh wrong usage'
    }

    It 'gives both KMS keys the same secret (-PeerKeyId), as a SecureString by default and as bytes with -AsByteArray' {
        $ab = Get-KmsSharedSecret -KeyId $Alice -PeerKeyId $Bob
        $ab | Should -BeOfType ([KmsPowerShell.KmsSharedSecret])
        $ab.Algorithm | Should -Be 'ECDH'
        $ab.KeyOrigin | Should -Be 'AWS_KMS'
        $ab.KeyArn | Should -Be $Alice.Arn
        $ab.SharedSecret | Should -BeOfType ([securestring])
        $ab.SharedSecretBytes | Should -BeNullOrEmpty
        $ba = Get-KmsSharedSecret -KeyId $Bob -PeerKeyId $Alice -AsByteArray
        $ba.SharedSecret | Should -BeNullOrEmpty
        $ba.SharedSecretBytes.Length | Should -Be 32
        [Convert]::ToBase64String((ConvertFrom-SecretText $ab.SharedSecret)) | Should -Be ([Convert]::ToBase64String($ba.SharedSecretBytes))
    }

    It 'gives two SM2 KEY_AGREEMENT keys the same secret too, as its help says of the local KMS' {
        $first = New-KmsKey -KeySpec SM2 -KeyUsage KEY_AGREEMENT -Description 'pester ecdh sm2 first'
        $second = New-KmsKey -KeySpec SM2 -KeyUsage KEY_AGREEMENT -Description 'pester ecdh sm2 second'
        $one = (Get-KmsSharedSecret -KeyId $first -PeerKeyId $second -AsByteArray).SharedSecretBytes
        $one.Length | Should -Be 32
        [Convert]::ToBase64String((Get-KmsSharedSecret -KeyId $second -PeerKeyId $first -AsByteArray).SharedSecretBytes) |
            Should -Be ([Convert]::ToBase64String($one))
    }

    It 'equals openssl pkeyutl -derive with a peer key openssl made, given as a file, as PEM text and as DER bytes' {
        $peer = Join-Path $TestDrive 'peer.pem'
        $peerPublic = Join-Path $TestDrive 'peer-public.pem'
        $kmsPublic = Join-Path $TestDrive 'kms-public.pem'
        & openssl ecparam -name prime256v1 -genkey -noout -out $peer 2>&1 | Out-Null
        & openssl pkey -in $peer -pubout -out $peerPublic 2>&1 | Out-Null
        Get-KmsPublicKey -KeyId $Alice -OutFile $kmsPublic
        $secretFile = Join-Path $TestDrive 'secret.bin'
        & openssl pkeyutl -derive -inkey $peer -peerkey $kmsPublic -out $secretFile 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
        $expected = [Convert]::ToBase64String([IO.File]::ReadAllBytes($secretFile))

        [Convert]::ToBase64String((Get-KmsSharedSecret -KeyId $Alice -PublicKeyPath $peerPublic -AsByteArray).SharedSecretBytes) | Should -Be $expected
        [Convert]::ToBase64String((Get-KmsSharedSecret -KeyId $Alice -PublicKey (Get-Content -Raw $peerPublic) -AsByteArray).SharedSecretBytes) | Should -Be $expected
        $der = Join-Path $TestDrive 'peer-public.der'
        & openssl pkey -pubin -in $peerPublic -outform DER -out $der 2>&1 | Out-Null
        [Convert]::ToBase64String((ConvertFrom-SecretText (Get-KmsSharedSecret -KeyId $Alice -PublicKey ([IO.File]::ReadAllBytes($der))).SharedSecret)) | Should -Be $expected
    }

    It 'refuses, each with a clear error and no call: a key of another usage, a public key of another curve, and bytes that are no public key' {
        Get-KmsSharedSecret -KeyId $Signer -PeerKeyId $Bob -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Agreement.GetKmsSharedSecretCommand'
        $failures[0].Exception.Message | Should -BeLike '*SIGN_VERIFY*KEY_AGREEMENT*'

        $p384 = Join-Path $TestDrive 'p384.pem'
        & openssl ecparam -name secp384r1 -genkey -noout 2>$null | & openssl pkey -pubout -out $p384 2>&1 | Out-Null
        Get-KmsSharedSecret -KeyId $Alice -PublicKeyPath $p384 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'PublicKeyInvalid,KmsPowerShell.Commands.Agreement.GetKmsSharedSecretCommand'
        $failures[0].Exception.Message | Should -BeLike '*ECC_NIST_P384*ECC_NIST_P256*same curve*'

        Get-KmsSharedSecret -KeyId $Alice -PublicKey ([byte[]](1, 2, 3)) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'PublicKeyInvalid,KmsPowerShell.Commands.Agreement.GetKmsSharedSecretCommand'
    }

    It 'never writes the secret in verbose output' {
        $verbose = Get-KmsSharedSecret -KeyId $Alice -PeerKeyId $Bob -AsByteArray -Verbose 4>&1
        $secret = $verbose | Where-Object { $_ -is [KmsPowerShell.KmsSharedSecret] }
        $text = ($verbose | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String($secret.SharedSecretBytes)))
    }
}

Describe 'New-KmsEncapsulatedSecret and Unprotect-KmsEncapsulatedSecret' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $script:MlKem = New-KmsKey -KeySpec ML_KEM_768 -KeyUsage ENCAPSULATE_DECAPSULATE -Description 'pester ml-kem'
        $script:Symmetric = New-KmsKey -Description 'pester ml-kem wrong usage'
    }

    It 'makes a secret and its ciphertext, and recovers the same secret from the piped ciphertext' {
        $MlKem.EncapsulationAlgorithms | Should -Be 'ML_KEM'
        $made = New-KmsEncapsulatedSecret -KeyId $MlKem
        $made | Should -BeOfType ([KmsPowerShell.KmsEncapsulatedSecret])
        $made.Algorithm | Should -Be 'ML_KEM'
        $made.CiphertextBlob.Length | Should -Be 1088
        $made.SharedSecret | Should -BeOfType ([securestring])
        $recovered = $made | Unprotect-KmsEncapsulatedSecret -AsByteArray
        $recovered | Should -BeOfType ([KmsPowerShell.KmsSharedSecret])
        $recovered.Algorithm | Should -Be 'ML_KEM'
        [Convert]::ToBase64String($recovered.SharedSecretBytes) | Should -Be ([Convert]::ToBase64String((ConvertFrom-SecretText $made.SharedSecret)))
        $again = Unprotect-KmsEncapsulatedSecret -KeyId $MlKem -Ciphertext $made.Ciphertext
        [Convert]::ToBase64String((ConvertFrom-SecretText $again.SharedSecret)) | Should -Be ([Convert]::ToBase64String($recovered.SharedSecretBytes))
    }

    It 'shows the public key''s encapsulation algorithm' {
        (Get-KmsPublicKey -KeyId $MlKem).EncapsulationAlgorithms | Should -Be 'ML_KEM'
    }

    It 'refuses a truncated ciphertext and a key of another usage with clear errors' {
        $made = New-KmsEncapsulatedSecret -KeyId $MlKem -AsByteArray
        Unprotect-KmsEncapsulatedSecret -KeyId $MlKem -Ciphertext ([byte[]]$made.CiphertextBlob[0..1000]) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'CiphertextInvalid,KmsPowerShell.Commands.Agreement.UnprotectKmsEncapsulatedSecretCommand'
        $failures[0].Exception.Message | Should -BeLike '*1001 bytes*1088 bytes*'

        New-KmsEncapsulatedSecret -KeyId $Symmetric -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Agreement.NewKmsEncapsulatedSecretCommand'
        Unprotect-KmsEncapsulatedSecret -KeyId $Symmetric -Ciphertext $made.CiphertextBlob -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Agreement.UnprotectKmsEncapsulatedSecretCommand'
    }

    It 'goes on with the next piped item after a failure' {
        $good = New-KmsEncapsulatedSecret -KeyId $MlKem
        $results = @([pscustomobject]@{ KeyId = $MlKem.KeyId; Ciphertext = [byte[]](1, 2) }, $good) |
            Unprotect-KmsEncapsulatedSecret -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $failures.Count | Should -Be 1
    }
}
