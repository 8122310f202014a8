BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester data' -Alias "alias/pester-data-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:OtherKey = New-KmsKey -Description 'pester data other'
    $script:Secret = 'correct horse battery staple ✓'
}

Describe 'Protect-KmsData and Unprotect-KmsData on values' {
    It 'round-trips a string through base64 ciphertext' {
        $ciphertext = Protect-KmsData -KeyId $Key.Aliases[0] -Value $Secret
        $ciphertext | Should -BeOfType ([string])
        { [Convert]::FromBase64String($ciphertext) } | Should -Not -Throw
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText | Should -BeExactly $Secret
    }

    It 'returns a SecureString by default and bytes with -AsByteArray' {
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -AsByteArray
        $ciphertext | Should -BeOfType ([byte])
        $secure = Unprotect-KmsData -Ciphertext $ciphertext
        $secure | Should -BeOfType ([securestring])
        [pscredential]::new('x', $secure).GetNetworkCredential().Password | Should -BeExactly $Secret
        $bytes = Unprotect-KmsData -Ciphertext $ciphertext -AsByteArray
        [Text.Encoding]::UTF8.GetString($bytes) | Should -BeExactly $Secret
    }

    It 'encrypts a SecureString and bytes' {
        $secure = ConvertTo-SecureString $Secret -AsPlainText -Force
        Protect-KmsData -KeyId $Key.KeyId -Value $secure | Unprotect-KmsData -AsPlainText | Should -BeExactly $Secret
        $raw = [byte[]](0, 1, 2, 255)
        $back = Protect-KmsData -KeyId $Key.KeyId -Value $raw | Unprotect-KmsData -AsByteArray
        $back | Should -Be $raw
    }

    It 'keeps pipeline order, one output per value' {
        $values = 1..20 | ForEach-Object { "secret-$_" }
        $plain = $values | Protect-KmsData -KeyId $Key.KeyId | Unprotect-KmsData -AsPlainText
        $plain | Should -Be $values
    }

    It 'binds the encryption context' {
        $context = @{ Department = 'finance'; Purpose = 'pester' }
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext $context
        Unprotect-KmsData $ciphertext -EncryptionContext $context -AsPlainText | Should -BeExactly $Secret
        Unprotect-KmsData $ciphertext -EncryptionContext @{ Department = 'sales'; Purpose = 'pester' } -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'CiphertextInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
    }

    It 'takes numbers in the encryption context as their text, and refuses arrays and $null with one error id' {
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ n = 5; on = $true }
        Unprotect-KmsData $ciphertext -EncryptionContext @{ n = '5'; on = 'True' } -AsPlainText | Should -BeExactly $Secret
        { Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ a = 1, 2 } } |
            Should -Throw -ErrorId 'EncryptionContextInvalid,KmsPowerShell.Commands.Data.ProtectKmsDataCommand' -ExpectedMessage "*value of 'a' is a collection (System.Object``[``] of 2 items)*"
        { Unprotect-KmsData $ciphertext -EncryptionContext @{ n = $null } } |
            Should -Throw -ErrorId 'EncryptionContextInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand' -ExpectedMessage "*value of 'n' is `$null*"
        # New-KmsDataKey reads its context per pipeline item: one error each, and the pipeline goes on.
        $Key, $OtherKey | New-KmsDataKey -EncryptionContext @{ when = [datetime]'2026-01-02' } -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.FullyQualifiedErrorId | Should -Be (@('EncryptionContextInvalid,KmsPowerShell.Commands.Data.NewKmsDataKeyCommand') * 2)
    }

    It 'refuses a value over 4096 bytes, pointing to -Envelope and -Path' {
        Protect-KmsData -KeyId $Key.KeyId -Value ('x' * 4097) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ValueSizeInvalid,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        $failures[0].Exception.Message | Should -Match '-Envelope'
        $failures[0].Exception.Message | Should -Match '-Path'
        Protect-KmsData -KeyId $Key.KeyId -Value ('x' * 4096) | Should -Not -BeNullOrEmpty
    }

    It 'refuses text that is not base64' {
        Unprotect-KmsData -Ciphertext 'not base64!' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'CiphertextInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
    }

    It 'never puts the secret into an error record or verbose output' {
        $records = Protect-KmsData -KeyId ([guid]::NewGuid()) -Value $Secret -Verbose -ErrorAction SilentlyContinue -ErrorVariable failures 4>&1
        ($failures | Out-String) + ($records | Out-String) + ($failures.TargetObject | Out-String) | Should -Not -Match ([regex]::Escape($Secret))
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }
}

Describe 'interop with awscli' {
    It 'writes ciphertext that aws kms decrypt reads' {
        $file = Join-Path $TestDrive 'ours.bin'
        [IO.File]::WriteAllBytes($file, (Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ app = 'pester' } -AsByteArray))
        $plain = (Invoke-Aws kms decrypt --ciphertext-blob "fileb://$file" --encryption-context app=pester).Plaintext
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($plain)) | Should -BeExactly $Secret
    }

    It 'reads what aws kms encrypt writes' {
        $file = Join-Path $TestDrive 'plain.txt'
        [IO.File]::WriteAllText($file, $Secret)
        $blob = (Invoke-Aws kms encrypt --key-id $Key.KeyId --plaintext "fileb://$file").CiphertextBlob
        Unprotect-KmsData -Ciphertext $blob -AsPlainText | Should -BeExactly $Secret
    }
}

Describe 'New-KmsDataKey, Get-KmsRandom and Update-KmsCiphertext' {
    It 'generates a data key whose encrypted copy decrypts to its plaintext' {
        $dataKey = New-KmsDataKey -KeyId $Key.KeyId -AsByteArray
        $dataKey | Should -BeOfType ([KmsPowerShell.KmsDataKey])
        $dataKey.PlaintextBytes.Length | Should -Be 32
        $decrypted = Unprotect-KmsData -Ciphertext $dataKey.Ciphertext -AsByteArray
        $decrypted | Should -Be $dataKey.PlaintextBytes
        (New-KmsDataKey -KeyId $Key.KeyId -KeySpec AES_128 -AsByteArray).PlaintextBytes.Length | Should -Be 16
        (New-KmsDataKey -KeyId $Key.KeyId -NumberOfBytes 64 -AsByteArray).PlaintextBytes.Length | Should -Be 64
    }

    It 'decrypts a piped data key by its CiphertextBlob' {
        $dataKey = New-KmsDataKey -KeyId $Key.KeyId -AsByteArray
        $decrypted = $dataKey | Unprotect-KmsData -AsByteArray
        $decrypted | Should -Be $dataKey.PlaintextBytes
    }

    It 'keeps the plaintext in a SecureString by default, and out entirely with -WithoutPlaintext' {
        $dataKey = New-KmsDataKey -KeyId $Key.KeyId
        $dataKey.Plaintext | Should -BeOfType ([securestring])
        $dataKey.PlaintextBytes | Should -BeNullOrEmpty
        $bare = New-KmsDataKey -KeyId $Key.KeyId -WithoutPlaintext
        $bare.Plaintext | Should -BeNullOrEmpty
        $bare.CiphertextBlob.Length | Should -BeGreaterThan 0
    }

    It 'returns random bytes' {
        (Get-KmsRandom -NumberOfBytes 48 -AsByteArray).Length | Should -Be 48
        [Convert]::FromBase64String((Get-KmsRandom 16)).Length | Should -Be 16
        { Get-KmsRandom -NumberOfBytes 1025 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Data.GetKmsRandomCommand'
    }

    It 're-encrypts a ciphertext of an RSA key under a symmetric key, and back' {
        $rsa = New-KmsKey -Description 'pester rsa re-encrypt' -KeySpec RSA_2048 -KeyUsage ENCRYPT_DECRYPT
        $ciphertext = Protect-KmsData -KeyId $rsa.KeyId -Value $Secret -EncryptionAlgorithm RSAES_OAEP_SHA_256
        $moved = Update-KmsCiphertext -Ciphertext $ciphertext -SourceKeyId $rsa.Arn -SourceEncryptionAlgorithm RSAES_OAEP_SHA_256 -DestinationKeyId $Key.KeyId
        Unprotect-KmsData $moved -AsPlainText | Should -BeExactly $Secret
        $back = Update-KmsCiphertext -Ciphertext $moved -DestinationKeyId $rsa.Arn -DestinationEncryptionAlgorithm RSAES_OAEP_SHA_1
        Unprotect-KmsData $back -KeyId $rsa.Arn -EncryptionAlgorithm RSAES_OAEP_SHA_1 -AsPlainText | Should -BeExactly $Secret
    }

    # moto re-encrypts an RSA ciphertext without the source algorithm; KMS (and the local KMS) refuse it.
    It 'refuses an RSA ciphertext without -SourceEncryptionAlgorithm' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $rsa = New-KmsKey -Description 'pester rsa re-encrypt' -KeySpec RSA_2048 -KeyUsage ENCRYPT_DECRYPT
        $ciphertext = Protect-KmsData -KeyId $rsa.KeyId -Value $Secret -EncryptionAlgorithm RSAES_OAEP_SHA_256
        { Update-KmsCiphertext -Ciphertext $ciphertext -SourceKeyId $rsa.Arn -DestinationKeyId $Key.KeyId -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyUsageInvalid,KmsPowerShell.Commands.Data.UpdateKmsCiphertextCommand'
    }

    It 're-encrypts under another key without exposing the plaintext' {
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ a = '1' }
        $moved = Update-KmsCiphertext -Ciphertext $ciphertext -DestinationKeyId $OtherKey.Arn -SourceEncryptionContext @{ a = '1' } -DestinationEncryptionContext @{ b = '2' }
        $moved | Should -Not -Be $ciphertext
        Unprotect-KmsData $moved -EncryptionContext @{ b = '2' } -AsPlainText | Should -BeExactly $Secret
    }
}

Describe 'errors in plain words' {
    It 'says what a ciphertext KMS cannot decrypt means, keeping the error id and the SDK exception' {
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ app = 'a' }
        Unprotect-KmsData $ciphertext -EncryptionContext @{ app = 'b' } -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'CiphertextInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].Exception.Message | Should -Not -Match 'HTTP Body|The service returned an error'
        $failures[0].Exception.InnerException | Should -Not -BeNullOrEmpty
    }

    # moto answers with a message of its own; the local KMS, as AWS, with none.
    It 'names damage, another key and another encryption context' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value $Secret -EncryptionContext @{ app = 'a' }
        Unprotect-KmsData $ciphertext -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].Exception.Message | Should -Match 'could not decrypt.*damaged.*another key.*encryption context'
    }

    # moto encrypts with an RSA key under SYMMETRIC_DEFAULT; KMS (and the local KMS) refuse it.
    It 'suggests -EncryptionAlgorithm for an RSA key (<Cmdlet>)' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') -ForEach @(
        @{ Cmdlet = 'Protect-KmsData'; Run = { Protect-KmsData -KeyId $Rsa.KeyId -Value $Secret -ErrorAction Continue } }
        @{ Cmdlet = 'Unprotect-KmsData'; Run = { Unprotect-KmsData -Ciphertext $RsaCiphertext -KeyId $Rsa.Arn -AsPlainText -ErrorAction Continue } }
    ) {
        $script:Rsa = New-KmsKey -Description 'pester rsa hint' -KeySpec RSA_2048 -KeyUsage ENCRYPT_DECRYPT
        $script:RsaCiphertext = Protect-KmsData -KeyId $Rsa.KeyId -Value $Secret -EncryptionAlgorithm RSAES_OAEP_SHA_256
        $all = & $Run 2>&1
        $all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        $failures = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KeyUsageInvalid,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failures[0].Exception.Message | Should -Match 'Add -EncryptionAlgorithm RSAES_OAEP_SHA_256'
        $failures[0].Exception.InnerException | Should -Not -BeNullOrEmpty
        ($failures | Out-String) | Should -Not -Match ([regex]::Escape($Secret))
    }
}
