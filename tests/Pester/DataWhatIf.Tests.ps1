# One rule for -WhatIf on the data cmdlets: a cmdlet that can write a file offers -WhatIf and -Confirm, and asks before
# each use of a key (Encrypt, Decrypt, ReEncrypt, Sign) and each file it writes; a cmdlet that changes nothing offers neither.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester whatif'
    $script:SigningKey = New-KmsKey -Description 'pester whatif signing' -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
    $script:Ciphertext = Protect-KmsData -KeyId $Key.KeyId -Value 'top secret'
    $script:Message = Protect-KmsData -KeyId $Key.KeyId -Value 'top secret' -Envelope
    # A session whose every KMS call fails at once: a command that makes a call under -WhatIf reports an error.
    $script:Dead = Connect-Kms -EndpointUrl "http://127.0.0.1:$(Get-ClosedLoopbackPort)" -Region us-east-1 -MaxAttempts 1 -PassThru
    Connect-TestKms
}

Describe 'Data cmdlets that offer -WhatIf' {
    It '<Name> makes no KMS call and outputs nothing but the What if line, naming the key' -ForEach @(
        @{ Name = 'Protect-KmsData'; Run = { Protect-KmsData -KeyId $Key.KeyId -Value 'top secret' -Session $Dead -WhatIf } }
        @{ Name = 'Protect-KmsData -Envelope'; Run = { Protect-KmsData -KeyId $Key.KeyId -Value 'top secret' -Envelope -Session $Dead -WhatIf } }
        @{ Name = 'Unprotect-KmsData'; Run = { Unprotect-KmsData -Ciphertext $Ciphertext -KeyId $Key.KeyId -AsPlainText -Session $Dead -WhatIf } }
        @{ Name = 'Unprotect-KmsData -Envelope'; Run = { Unprotect-KmsData -Ciphertext $Message -Envelope -KeyId $Key.KeyId -AsPlainText -Session $Dead -WhatIf } }
        @{ Name = 'Update-KmsCiphertext'; Run = { Update-KmsCiphertext -Ciphertext $Ciphertext -DestinationKeyId $Key.KeyId -Session $Dead -WhatIf } }
    ) {
        $result = Get-WhatIfLine $Run
        $result.Output | Should -BeNullOrEmpty
        $result.Lines.Count | Should -Be 1
        $result.Lines[0] | Should -Match ([regex]::Escape($Key.KeyId))
        $result.Lines[0] | Should -Not -Match 'top secret'
    }

    # New-KmsSignature describes the key first (a read, which checks the arguments), so it runs on the live session with a
    # disabled key, which KMS refuses to sign with; moto signs with disabled keys.
    It 'New-KmsSignature makes no Sign call and outputs nothing but the What if line' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $SigningKey | Disable-KmsKey
        try {
            $result = Get-WhatIfLine { New-KmsSignature -KeyId $SigningKey.KeyId -Message 'top secret' -WhatIf }
            $result.Output | Should -BeNullOrEmpty
            $result.Lines.Count | Should -Be 1
            $result.Lines[0] | Should -Match ([regex]::Escape($SigningKey.KeyId))
            New-KmsSignature -KeyId $SigningKey.KeyId -Message 'top secret' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'KeyDisabled,KmsPowerShell.Commands.Signing.NewKmsSignatureCommand'
        }
        finally { $SigningKey | Enable-KmsKey }
    }

    It 'the dead session does fail a call, so the tests above can fail' {
        Protect-KmsData -KeyId $Key.KeyId -Value 'top secret' -Session $Dead -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'EndpointUnreachable,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }

    It 'asks once per value, and honours $WhatIfPreference' {
        $WhatIfPreference = $true
        try { $result = Get-WhatIfLine { 'one', 'two', 'three' | Protect-KmsData -KeyId $Key.KeyId -Session $Dead } }
        finally { $WhatIfPreference = $false }
        $result.Output | Should -BeNullOrEmpty
        $result.Lines.Count | Should -Be 3
    }

    It 'still refuses bad input under -WhatIf' {
        Protect-KmsData -KeyId $Key.KeyId -Value ('x' * 4097) -Session $Dead -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ValueSizeInvalid,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }
}

Describe 'Data cmdlets that change nothing' {
    It '<_> offers no -WhatIf or -Confirm' -ForEach 'New-KmsDataKey', 'New-KmsDataKeyPair', 'Get-KmsRandom', 'New-KmsMac', 'Test-KmsMac', 'Test-KmsSignature' {
        (Get-Command $_).Parameters.Keys | Should -Not -Contain 'WhatIf'
        (Get-Command $_).Parameters.Keys | Should -Not -Contain 'Confirm'
    }
}
