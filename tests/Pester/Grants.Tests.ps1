BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Grantee = 'arn:aws:iam::111122223333:role/pester-grantee'
    $script:Retirer = 'arn:aws:iam::111122223333:role/pester-retirer'
}

Describe 'grants' {
    BeforeEach {
        $script:Key = New-KmsKey -Description 'pester grants'
    }

    It 'creates a grant with a token, and lists it' {
        $grant = $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt, GenerateDataKey -RetiringPrincipal $Retirer -EncryptionContextSubset @{ app = 'pester' }
        $grant | Should -BeOfType ([KmsPowerShell.KmsGrant])
        $grant.GrantId | Should -Not -BeNullOrEmpty
        $grant.GrantToken | Should -Not -BeNullOrEmpty
        $listed = Get-KmsGrant -KeyId $Key.KeyId
        $listed.GrantId | Should -Contain $grant.GrantId
        ($listed | Where-Object GrantId -eq $grant.GrantId).Operations | Sort-Object | Should -Be @('Decrypt', 'GenerateDataKey')
        ($listed | Where-Object GrantId -eq $grant.GrantId).EncryptionContextSubset['app'] | Should -Be 'pester'
        (Get-KmsGrant -RetiringPrincipal $Retirer).GrantId | Should -Contain $grant.GrantId
    }

    It 'uses the grant token at once in a cryptographic cmdlet, from the pipeline' {
        $dataKey = $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation GenerateDataKey | New-KmsDataKey -AsByteArray
        $dataKey.PlaintextBytes.Length | Should -Be 32
    }

    It 'revokes piped grants, with -Force' {
        $grant = $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt
        Get-KmsGrant -KeyId $Key.KeyId | Where-Object GranteePrincipal -like '*pester-grantee' | Revoke-KmsGrant -Force
        (Get-KmsGrant -KeyId $Key.KeyId).GrantId | Should -Not -Contain $grant.GrantId
    }

    It 'retires a grant by token and by key and id' {
        $first = $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt
        $second = $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Encrypt
        Remove-KmsGrant -GrantToken $first.GrantToken -Confirm:$false
        $second | Remove-KmsGrant -Confirm:$false
        Get-KmsGrant -KeyId $Key.KeyId | Should -BeNullOrEmpty
    }

    It 'creates nothing with -WhatIf, and reports the dry run' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # moto ignores DryRun and creates the grant.
        $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt -WhatIf
        Get-KmsGrant -KeyId $Key.KeyId | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any call' -ForEach @(
        @{ Case = 'an unknown operation'; Arguments = @{ GranteePrincipal = 'arn:aws:iam::111122223333:role/x'; Operation = 'Destroy' }; ErrorId = 'GrantOperationInvalid' }
        @{ Case = 'a grantee that is not an ARN'; Arguments = @{ GranteePrincipal = 'bob'; Operation = 'Decrypt' }; ErrorId = 'PrincipalInvalid' }
    ) {
        { $Key | New-KmsGrant @Arguments } | Should -Throw -ErrorId "$ErrorId,KmsPowerShell.Commands.Grants.NewKmsGrantCommand"
        Get-KmsGrant -KeyId $Key.KeyId | Should -BeNullOrEmpty
    }

    It 'refuses both constraint kinds at once and an empty operation list' {
        { $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt -EncryptionContextEquals @{ a = 1 } -EncryptionContextSubset @{ b = 2 } } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,KmsPowerShell.Commands.Grants.NewKmsGrantCommand'
        { $Key | New-KmsGrant -GranteePrincipal $Grantee -Operation @() } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Grants.NewKmsGrantCommand'
    }

    It 'takes operation names in any case' {
        ($Key | New-KmsGrant -GranteePrincipal $Grantee -Operation decrypt, GENERATEDATAKEY).Operations | Should -Be @('Decrypt', 'GenerateDataKey')
    }

    It 'completes grant operations' {
        $line = 'New-KmsGrant -Operation GenerateDataKeyP'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be @('GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext')
    }
}

Describe 'grants of many keys' {
    It 'lists the grants of piped keys several at a time, key by key in their order' {
        $keys = 1..6 | ForEach-Object { New-KmsKey -Description "pester grants $_" }
        foreach ($key in $keys) {
            $null = $key | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt
            $null = $key | New-KmsGrant -GranteePrincipal $Retirer -Operation Encrypt
        }
        $grants = $keys | Get-KmsGrant -ThrottleLimit 6
        $grants.Count | Should -Be 12
        $order = $grants | ForEach-Object { $_.KeyId -replace '^.*key/' } | Select-Object -Unique
        $order | Should -Be $keys.KeyId
    }

    It 'writes the error of a missing key in its place among the grants' {
        $keys = 1..2 | ForEach-Object { New-KmsKey -Description "pester grants order $_" }
        $keys | ForEach-Object { $null = $_ | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt }
        $missing = [guid]::NewGuid().ToString()
        $all = Get-KmsGrant -KeyId $keys[0].KeyId, $missing, $keys[1].KeyId -ErrorAction Continue 2>&1
        $all.Count | Should -Be 3
        $all[0].KeyId | Should -Match $keys[0].KeyId
        $all[1] | Should -BeOfType ([Management.Automation.ErrorRecord])
        # moto answers ListGrants on a missing key with another error than KMS's NotFoundException.
        if ($Backend -ne 'moto') { $all[1].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Grants.GetKmsGrantCommand' }
        $all[1].TargetObject | Should -Be $missing
        $all[2].KeyId | Should -Match $keys[1].KeyId
    }
}

Describe 'the creation date New-KmsGrant reports' {
    AfterAll { Connect-TestKms }

    It "is KMS's, not this machine's clock" {
        # A local KMS of its own, ten years ahead: the shared one's clock only moves forward.
        Connect-Kms -Local -LocalStatePath (Join-Path $TestDrive 'grant-clock.json')
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 3650)
        $grant = New-KmsKey -Description 'pester grant clock' | New-KmsGrant -GranteePrincipal $Grantee -Operation Decrypt
        $grant.CreationDate | Should -BeGreaterThan (Get-Date).AddDays(3000)
        Disconnect-Kms
    }
}
