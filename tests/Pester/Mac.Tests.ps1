# New-KmsMac and Test-KmsMac on HMAC keys.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Hmac = New-KmsKey -Description 'pester hmac' -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC
    $script:Symmetric = New-KmsKey -Description 'pester hmac symmetric'
}

Describe 'New-KmsMac and Test-KmsMac' {
    It 'computes a MAC with the key''s only algorithm, and checks it: $true, then $false when tampered' {
        $mac = New-KmsMac -KeyId $Hmac.KeyId -Message 'authenticate me'
        $mac | Should -BeOfType ([KmsPowerShell.KmsMac])
        $mac.MacAlgorithm | Should -Be 'HMAC_SHA_256'
        $mac.Mac.Length | Should -Be 32
        Test-KmsMac -KeyId $Hmac.KeyId -Message 'authenticate me' -Mac $mac.Mac | Should -BeTrue
        Test-KmsMac -KeyId $Hmac.KeyId -Message 'authenticate me!' -Mac $mac.Mac | Should -BeFalse
        $bad = [byte[]]$mac.Mac.Clone(); $bad[0] = $bad[0] -bxor 1
        Test-KmsMac -KeyId $Hmac.KeyId -Message 'authenticate me' -Mac $bad | Should -BeFalse
    }

    It 'takes a piped KmsMac, and base64 text for -Mac' {
        New-KmsMac $Hmac.KeyId 'piped' | Test-KmsMac -Message 'piped' | Should -BeTrue
        Test-KmsMac -KeyId $Hmac.KeyId -Message 'piped' -Mac (New-KmsMac $Hmac.KeyId 'piped').MacBase64 | Should -BeTrue
    }

    It 'refuses an algorithm of another spec, and a key that is not an HMAC key, before any call' {
        New-KmsMac -KeyId $Hmac.KeyId -Message 'x' -MacAlgorithm HMAC_SHA_512 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MacAlgorithmInvalid,KmsPowerShell.Commands.Signing.NewKmsMacCommand'
        New-KmsMac -KeyId $Symmetric.KeyId -Message 'x' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyUsageInvalid,KmsPowerShell.Commands.Signing.NewKmsMacCommand'
    }

    It 'refuses a message over 4096 bytes' {
        New-KmsMac -KeyId $Hmac.KeyId -Message ('x' * 4097) -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'MessageTooLarge,KmsPowerShell.Commands.Signing.NewKmsMacCommand'
    }
}
