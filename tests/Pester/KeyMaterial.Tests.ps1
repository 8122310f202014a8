BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:OnMoto = $Backend -eq 'moto'
    # An RSA_4096 wrapping key takes the local KMS seconds to make: the tests wrap with RSA_2048 unless they say otherwise.
    $PSDefaultParameterValues['Import-KmsKeyMaterial:WrappingKeySpec'] = 'RSA_2048'
    $script:Fqid = { param($ErrorId, $Command) "$ErrorId,KmsPowerShell.Commands.KeyMaterial.$Command" }

    function New-ExternalKey([string] $KeySpec = 'SYMMETRIC_DEFAULT', [string] $KeyUsage) {
        $arguments = @{ Origin = 'EXTERNAL'; KeySpec = $KeySpec; Description = 'pester BYOK' }
        if ($KeyUsage) { $arguments.KeyUsage = $KeyUsage }
        New-KmsKey @arguments
    }

    function Get-Hmac([byte[]] $Material, [string] $Message) {
        [System.Security.Cryptography.HMACSHA256]::HashData($Material, [Text.Encoding]::UTF8.GetBytes($Message))
    }
}

Describe 'New-KmsKey -Origin' {
    It 'makes a key that waits for its material' {
        $key = New-ExternalKey
        $key.Origin | Should -Be 'EXTERNAL'
        if (-not $OnMoto) {
            # moto makes the key Enabled with material of its own.
            $key.State | Should -Be 'PendingImport'
            $key.Enabled | Should -BeFalse
        }
    }

    It 'passes a custom key store origin to KMS, which decides (the local KMS has no such store)' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
        { New-KmsKey -Origin AWS_CLOUDHSM -CustomKeyStoreId cks-1234567890abcdef0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'CustomKeyStoreNotFound,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
        { New-KmsKey -Origin EXTERNAL_KEY_STORE -CustomKeyStoreId cks-1234567890abcdef0 -XksKeyId 'key-1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'CustomKeyStoreNotFound,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
    }

    It 'completes the origins' {
        $completions = (TabExpansion2 -inputScript 'New-KmsKey -Origin EX' -cursorColumn 'New-KmsKey -Origin EX'.Length).CompletionMatches.CompletionText
        $completions | Should -Be @('EXTERNAL', 'EXTERNAL_KEY_STORE')
    }
}

Describe 'importing key material' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
    # moto has no GetParametersForImport, ImportKeyMaterial or DeleteImportedKeyMaterial.

    It 'imports with <Algorithm>, and the key MACs with exactly the material given' -ForEach @(
        # KMS takes no RSA_AES_KEY_WRAP for HMAC and symmetric material, and RSAES_PKCS1_V1_5 for nothing since 2023.
        @{ Algorithm = 'RSAES_OAEP_SHA_256'; Spec = 'RSA_3072' }
        @{ Algorithm = 'RSAES_OAEP_SHA_1'; Spec = 'RSA_2048' }
    ) {
        $material = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
        $key = New-ExternalKey -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC
        $imported = $key | Import-KmsKeyMaterial -KeyMaterial $material -WrappingAlgorithm $Algorithm -WrappingKeySpec $Spec -PassThru
        $imported.State | Should -Be 'Enabled'
        $imported.ExpirationModel | Should -Be 'KEY_MATERIAL_DOES_NOT_EXPIRE'
        # The local KMS unwrapped what the engine wrapped: the MAC is HMAC-SHA-256 over the very bytes given.
        (New-KmsMac -KeyId $key -Message 'byok' -MacAlgorithm HMAC_SHA_256).Mac | Should -Be (Get-Hmac $material 'byok')
    }

    It 'imports a symmetric key from a file, by the default algorithm for its kind, and protects and unprotects with it' {
        $path = Join-Path $TestDrive 'aes.key'
        [IO.File]::WriteAllBytes($path, [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $key = New-ExternalKey
        $key | Import-KmsKeyMaterial -Path $path
        $ciphertext = Protect-KmsData -KeyId $key -Value 'payroll'
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText | Should -BeExactly 'payroll'
    }

    It 'imports an RSA private key from a PEM file with <Algorithm>, and signs what its public key verifies' -ForEach @(
        @{ Algorithm = 'RSA_AES_KEY_WRAP_SHA_256' }, @{ Algorithm = 'RSA_AES_KEY_WRAP_SHA_1' }) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $path = Join-Path $TestDrive 'rsa.pem'
        Set-Content -Path $path -Value $rsa.ExportPkcs8PrivateKeyPem()
        $key = New-ExternalKey -KeySpec RSA_2048 -KeyUsage SIGN_VERIFY
        $key | Import-KmsKeyMaterial -Path $path -WrappingAlgorithm $Algorithm
        $signature = New-KmsSignature -KeyId $key -Message 'release' -SigningAlgorithm RSASSA_PSS_SHA_256
        $rsa.VerifyData([Text.Encoding]::UTF8.GetBytes('release'), $signature.Signature, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pss) | Should -BeTrue
    }

    It 'imports material that openssl wrapped with the public key of Get-KmsImportParameter -OutFile' {
        $material = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
        $plain = Join-Path $TestDrive 'hmac.key'
        [IO.File]::WriteAllBytes($plain, $material)
        $key = New-ExternalKey -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC
        $pem = Join-Path $TestDrive 'wrapping.pem'
        $key | Get-KmsImportParameter -WrappingAlgorithm RSAES_OAEP_SHA_256 -WrappingKeySpec RSA_2048 -OutFile $pem
        $token = Join-Path $TestDrive 'wrapping.token'
        Test-Path $token | Should -BeTrue
        $wrapped = Join-Path $TestDrive 'wrapped.bin'
        & openssl pkeyutl -encrypt -pubin -inkey $pem -in $plain -out $wrapped -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
        $LASTEXITCODE | Should -Be 0
        $key | Import-KmsKeyMaterial -EncryptedKeyMaterial ([IO.File]::ReadAllBytes($wrapped)) -ImportToken ([IO.File]::ReadAllBytes($token))
        (New-KmsMac -KeyId $key -Message 'peer' -MacAlgorithm HMAC_SHA_256).Mac | Should -Be (Get-Hmac $material 'peer')
    }

    It 'returns the import parameters by default: a DER RSA_4096 public key, a token and their expiry' {
        $key = New-ExternalKey
        $parameters = $key | Get-KmsImportParameter
        $parameters.KeyArn | Should -Be $key.KeyArn
        $parameters.WrappingKeySpec | Should -Be 'RSA_4096'
        $parameters.WrappingAlgorithm | Should -Be 'RSAES_OAEP_SHA_256' -Because 'KMS wraps symmetric material with RSA-OAEP only'
        $rsa = [System.Security.Cryptography.RSA]::Create()
        $rsa.ImportSubjectPublicKeyInfo($parameters.PublicKey, [ref] 0)
        $rsa.KeySize | Should -Be 4096
        $parameters.ImportToken.Length | Should -BeGreaterThan 0
        $parameters.ParametersValidTo | Should -BeGreaterThan (Set-KmsLocalClock -Advance 0 -PassThru).Now.LocalDateTime
    }

    It 'expires the material on the local clock, and takes the same material back' {
        $material = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
        $key = New-ExternalKey
        $validTo = (Set-KmsLocalClock -Advance 0 -PassThru).Now.AddDays(1).LocalDateTime
        $imported = $key | Import-KmsKeyMaterial -KeyMaterial $material -ValidTo $validTo -PassThru
        $imported.ExpirationModel | Should -Be 'KEY_MATERIAL_EXPIRES'
        $imported.ValidTo | Should -Not -BeNullOrEmpty
        $ciphertext = Protect-KmsData -KeyId $key -Value 'before expiry'
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 2)
        ($key | Get-KmsKey).State | Should -Be 'PendingImport'
        { Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText -ErrorAction Stop } | Should -Throw -ErrorId 'KeyStateInvalid,*'
        $key | Import-KmsKeyMaterial -KeyMaterial $material
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText | Should -BeExactly 'before expiry'
    }

    It 'removes the material named by its id (and -WhatIf removes nothing)' {
        $key = New-ExternalKey
        $imported = $key | Import-KmsKeyMaterial -KeyMaterial ([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)) -PassThru
        $imported.CurrentKeyMaterialId | Should -Not -BeNullOrEmpty
        $key | Remove-KmsKeyMaterial -WhatIf
        ($key | Get-KmsKey).State | Should -Be 'Enabled'
        ($key | Remove-KmsKeyMaterial -KeyMaterialId $imported.CurrentKeyMaterialId -Force -PassThru).State | Should -Be 'PendingImport'
    }

    It 'rotates to new imported material, and still decrypts what the old material encrypted' {
        $key = New-ExternalKey
        $key | Import-KmsKeyMaterial -KeyMaterial ([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $before = $key | Get-KmsKey
        $ciphertext = Protect-KmsData -KeyId $key -Value 'old material'
        $key | Import-KmsKeyMaterial -KeyMaterial ([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)) -ImportType NEW_KEY_MATERIAL -KeyMaterialDescription 'second'
        $pending = ($key | Get-KmsKeyRotation).KeyMaterials
        $pending.KeyMaterialState | Should -Be @('CURRENT', 'PENDING_ROTATION')
        $pending[1].ImportState | Should -Be 'IMPORTED'
        $pending[1].ExpirationModel | Should -Be 'KEY_MATERIAL_DOES_NOT_EXPIRE'
        $pending[1].KeyMaterialDescription | Should -Be 'second'
        $rotated = $key | Invoke-KmsKeyRotation -PassThru
        $rotated.Rotations[-1].RotationType | Should -Be 'ON_DEMAND'
        $rotated.KeyMaterials.KeyMaterialState | Should -Be @('NON_CURRENT', 'CURRENT')
        $rotated.KeyMaterials[0].RotationDate | Should -BeNullOrEmpty -Because 'the first material came from no rotation'
        ($key | Get-KmsKey).CurrentKeyMaterialId | Should -Not -Be $before.CurrentKeyMaterialId
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText | Should -BeExactly 'old material'
    }

    It 'rotates a multi-Region key to new material imported into the primary and then the replica, and each Region decrypts what the other encrypted' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # AWS's order for multi-Region keys (the ImportKeyMaterial API reference); moto 5.2.1 keeps no key material states.
        $first = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
        $second = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
        $primary = New-KmsKey -Origin EXTERNAL -MultiRegion -Description 'pester BYOK multi-Region'
        $primary | Import-KmsKeyMaterial -KeyMaterial $first
        $replica = $primary | New-KmsReplicaKey -ReplicaRegion us-west-2
        $replica | Import-KmsKeyMaterial -KeyMaterial $first
        $primary | Import-KmsKeyMaterial -KeyMaterial $second -ImportType NEW_KEY_MATERIAL
        ($primary | Get-KmsKeyRotation).KeyMaterials[-1].KeyMaterialState | Should -Be 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION'
        { $primary | Invoke-KmsKeyRotation -ErrorAction Stop } | Should -Throw -ErrorId 'KeyStateInvalid,KmsPowerShell.Commands.Rotation.InvokeKmsKeyRotationCommand'

        $replica | Import-KmsKeyMaterial -KeyMaterial $second -ImportType EXISTING_KEY_MATERIAL
        ($replica | Get-KmsKeyRotation).KeyMaterials.KeyMaterialState | Should -Be @('CURRENT', 'PENDING_ROTATION')
        ($primary | Invoke-KmsKeyRotation -PassThru).KeyMaterials.KeyMaterialState | Should -Be @('NON_CURRENT', 'CURRENT')
        ($replica | Get-KmsKeyRotation).KeyMaterials.KeyMaterialState | Should -Be @('NON_CURRENT', 'CURRENT')
        ($replica | Get-KmsKey).CurrentKeyMaterialId | Should -Be ($primary | Get-KmsKey).CurrentKeyMaterialId

        $fromReplica = Protect-KmsData -KeyId $replica.Arn -Value 'made in us-west-2'
        Unprotect-KmsData -Ciphertext $fromReplica -AsPlainText -Region $primary.Region | Should -BeExactly 'made in us-west-2'
        $fromPrimary = Protect-KmsData -KeyId $primary.Arn -Value 'made in the primary Region'
        Unprotect-KmsData -Ciphertext $fromPrimary -AsPlainText -Region us-west-2 | Should -BeExactly 'made in the primary Region'
    }

    It 'imports nothing under -WhatIf' {
        $key = New-ExternalKey
        $key | Import-KmsKeyMaterial -KeyMaterial ([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)) -WhatIf
        ($key | Get-KmsKey).State | Should -Be 'PendingImport'
    }

    It 'refuses <Case> with <ErrorId>, and the key still waits for its material' -ForEach @(
        @{ Case = 'material of the wrong size'; Spec = 'SYMMETRIC_DEFAULT'; Material = { [byte[]]::new(16) }; ErrorId = 'KeyMaterialIncorrect' }
        @{ Case = 'an ECC key for an RSA key'; Spec = 'RSA_2048'; Usage = 'SIGN_VERIFY'; ErrorId = 'KeyMaterialIncorrect'
            Material = { [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256).ExportPkcs8PrivateKey() } }
        @{ Case = 'an RSA private key wrapped by RSA-OAEP alone'; Spec = 'RSA_2048'; Usage = 'SIGN_VERIFY'; Algorithm = 'RSAES_OAEP_SHA_256'; ErrorId = 'RequestInvalid'
            Material = { [System.Security.Cryptography.RSA]::Create(2048).ExportPkcs8PrivateKey() } }
        @{ Case = 'the retired RSAES_PKCS1_V1_5'; Spec = 'SYMMETRIC_DEFAULT'; Algorithm = 'RSAES_PKCS1_V1_5'; ErrorId = 'RequestInvalid'; Material = { [byte[]]::new(32) } }
        @{ Case = 'an encrypted private key'; Spec = 'RSA_2048'; Usage = 'SIGN_VERIFY'; ErrorId = 'KeyMaterialInvalid'
            Material = { [Text.Encoding]::ASCII.GetBytes([System.Security.Cryptography.RSA]::Create(2048).ExportEncryptedPkcs8PrivateKeyPem('pw',
                        [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 1000))) } }
    ) {
        $key = New-ExternalKey -KeySpec $Spec -KeyUsage $Usage
        $arguments = @{ KeyMaterial = (& $Material) }
        if ($Algorithm) { $arguments.WrappingAlgorithm = $Algorithm }
        $failure = $null
        $key | Import-KmsKeyMaterial @arguments -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure | Should -HaveCount 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike (& $Fqid $ErrorId ImportKmsKeyMaterialCommand)
        $failure[0].TargetObject | Should -Not -BeNullOrEmpty
        ($key | Get-KmsKey).State | Should -Be 'PendingImport'
    }

    It 'refuses an expired import token with ImportTokenExpired' {
        $key = New-ExternalKey
        $parameters = $key | Get-KmsImportParameter -WrappingAlgorithm RSAES_OAEP_SHA_256 -WrappingKeySpec RSA_2048
        $rsa = [System.Security.Cryptography.RSA]::Create()
        $rsa.ImportSubjectPublicKeyInfo($parameters.PublicKey, [ref] 0)
        $wrapped = $rsa.Encrypt([byte[]]::new(32), [System.Security.Cryptography.RSAEncryptionPadding]::OaepSHA256)
        Set-KmsLocalClock -Advance (New-TimeSpan -Hours 25)
        { $key | Import-KmsKeyMaterial -EncryptedKeyMaterial $wrapped -ImportToken $parameters.ImportToken -ErrorAction Stop } |
            Should -Throw -ErrorId (& $Fqid 'ImportTokenExpired' ImportKmsKeyMaterialCommand)
        ($key | Get-KmsKey).State | Should -Be 'PendingImport'
    }

    It 'refuses SM2PKE outside the China Regions (KMS answers RequestInvalid), and the key still waits for its material' {
        $key = New-ExternalKey -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
        $material = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256).ExportPkcs8PrivateKey()
        { $key | Import-KmsKeyMaterial -KeyMaterial $material -WrappingAlgorithm SM2PKE -ErrorAction Stop } |
            Should -Throw -ErrorId (& $Fqid 'RequestInvalid' ImportKmsKeyMaterialCommand) -ExpectedMessage '*China Regions*'
        ($key | Get-KmsKey).State | Should -Be 'PendingImport'
    }

    It 'refuses -ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE before any call' {
        { Import-KmsKeyMaterial -KeyId 'alias/none' -KeyMaterial ([byte[]]::new(32)) -ValidTo (Get-Date).AddDays(1) -ExpirationModel KEY_MATERIAL_DOES_NOT_EXPIRE } |
            Should -Throw -ErrorId (& $Fqid 'ValidToNotAllowed' ImportKmsKeyMaterialCommand)
    }

    It 'never shows the material in verbose output or errors' {
        $material = [byte[]](1..32)
        $key = New-ExternalKey -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC
        $failed = New-ExternalKey
        $verbose = $key | Import-KmsKeyMaterial -KeyMaterial $material -Verbose 4>&1
        $failed | Import-KmsKeyMaterial -KeyMaterial $material[0..15] -ErrorVariable errors -ErrorAction SilentlyContinue
        $text = (@($verbose) + @($errors) | Out-String) + ($errors | ForEach-Object { $_.Exception.ToString() } | Out-String)
        foreach ($form in [Convert]::ToBase64String($material), [Convert]::ToHexString($material), [Convert]::ToBase64String($material[0..15]), ($material -join ' ')) {
            $text | Should -Not -BeLike "*$form*"
        }
    }
}

Describe 'importing key material with SM2PKE in the China Regions' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    # AWS offers SM2PKE and the SM2 wrapping key spec in cn-north-1 and cn-northwest-1 only; moto has no import at all.
    BeforeAll {
        Connect-TestKms -Region cn-north-1
        # Here -WrappingKeySpec is left to the cmdlet, which asks for SM2 with SM2PKE.
        $PSDefaultParameterValues.Remove('Import-KmsKeyMaterial:WrappingKeySpec')
        $script:Sm2Pem = Join-Path $TestDrive 'sm2.pem'
        & openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out $Sm2Pem
        if ($LASTEXITCODE -ne 0) { throw 'openssl could not make an SM2 key.' }
    }
    AfterAll {
        $PSDefaultParameterValues['Import-KmsKeyMaterial:WrappingKeySpec'] = 'RSA_2048'
        Connect-TestKms
    }

    It 'wraps an SM2 private key with SM2PKE; the key encrypts and decrypts, and another key with the same material decrypts its ciphertext' {
        $first = New-ExternalKey -KeySpec SM2 -KeyUsage ENCRYPT_DECRYPT
        $first.KeyArn | Should -BeLike 'arn:aws-cn:kms:cn-north-1:*' -Because 'the China Regions are the aws-cn partition'
        ($first | Import-KmsKeyMaterial -Path $Sm2Pem -WrappingAlgorithm SM2PKE -WrappingKeySpec SM2 -PassThru).State | Should -Be 'Enabled'
        $ciphertext = Protect-KmsData -KeyId $first -Value 'for Beijing' -EncryptionAlgorithm SM2PKE
        Unprotect-KmsData $ciphertext -KeyId $first -EncryptionAlgorithm SM2PKE -AsPlainText | Should -BeExactly 'for Beijing'
        # Unless told, a private key in the China Regions is wrapped with SM2PKE (they have no RSA_AES_KEY_WRAP), and
        # SM2PKE asks for the SM2 wrapping key, the only one it wraps with.
        $second = New-ExternalKey -KeySpec SM2 -KeyUsage ENCRYPT_DECRYPT
        $second | Import-KmsKeyMaterial -Path $Sm2Pem
        Unprotect-KmsData $ciphertext -KeyId $second -EncryptionAlgorithm SM2PKE -AsPlainText | Should -BeExactly 'for Beijing'
        # And openssl, with the private key imported, reads what KMS encrypted.
        $sealed = Join-Path $TestDrive 'sealed.bin'
        [IO.File]::WriteAllBytes($sealed, [Convert]::FromBase64String($ciphertext))
        & openssl pkeyutl -decrypt -inkey $Sm2Pem -in $sealed | Should -BeExactly 'for Beijing'
    }

    It 'writes an SM2 wrapping public key that openssl 3.0 reads, and imports the material openssl wrapped with it' {
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
        $plain = Join-Path $TestDrive 'ecc.der'
        [IO.File]::WriteAllBytes($plain, $ecdsa.ExportPkcs8PrivateKey())
        $key = New-ExternalKey -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
        $pem = Join-Path $TestDrive 'sm2-wrapping.pem'
        $key | Get-KmsImportParameter -WrappingAlgorithm SM2PKE -OutFile $pem
        (& openssl pkey -pubin -in $pem -text -noout) -join "`n" | Should -BeLike '*ASN1 OID: SM2*'
        $wrapped = Join-Path $TestDrive 'ecc.wrapped'
        & openssl pkeyutl -encrypt -pubin -inkey $pem -in $plain -out $wrapped
        $LASTEXITCODE | Should -Be 0
        $key | Import-KmsKeyMaterial -EncryptedKeyMaterial ([IO.File]::ReadAllBytes($wrapped)) -ImportToken ([IO.File]::ReadAllBytes((Join-Path $TestDrive 'sm2-wrapping.token')))
        $signature = New-KmsSignature -KeyId $key -Message 'from openssl' -SigningAlgorithm ECDSA_SHA_256
        $ecdsa.VerifyData([Text.Encoding]::UTF8.GetBytes('from openssl'), $signature.Signature, 'SHA256', 'Rfc3279DerSequence') | Should -BeTrue
    }
}
