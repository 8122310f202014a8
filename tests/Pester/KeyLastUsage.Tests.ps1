BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:OnMoto = $env:KMSPS_TEST_BACKEND -eq 'moto'
}

# moto (5.2) has no GetKeyLastUsage.
Describe 'Get-KmsKeyLastUsage' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
    BeforeEach {
        $script:Key = New-KmsKey -Description 'pester last usage'
    }

    It 'says a new key was never used, tracked since its creation' {
        $usage = $Key | Get-KmsKeyLastUsage
        $usage | Should -BeOfType ([KmsPowerShell.KmsKeyLastUsage])
        $usage.KeyId | Should -Be $Key.KeyId
        $usage.KeyArn | Should -Be $Key.KeyArn
        $usage.Region | Should -Be $Key.Region
        $usage.Operation | Should -BeNullOrEmpty
        $usage.LastUsedDate | Should -BeNullOrEmpty
        $usage.NeverUsed | Should -BeTrue
        $usage.TrackingStartDate | Should -Be $usage.KeyCreationDate
    }

    It 'records the last successful cryptographic operation, as awscli sees it' {
        $blob = Protect-KmsData -KeyId $Key.KeyId -Value 'secret'
        Unprotect-KmsData -Ciphertext $blob -AsPlainText | Should -Be 'secret'
        $usage = Get-KmsKeyLastUsage -KeyId $Key.KeyId
        $usage.Operation | Should -Be 'Decrypt'
        $usage.NeverUsed | Should -BeFalse
        $usage.KmsRequestId | Should -Not -BeNullOrEmpty
        $usage.CloudTrailEventId | Should -BeNullOrEmpty -Because 'the local KMS has no CloudTrail'

        $peer = Invoke-Aws kms get-key-last-usage --key-id $Key.KeyId
        $peer.KeyId | Should -Be $Key.KeyId
        $peer.KeyLastUsage.Operation | Should -Be 'Decrypt'
        $peer.KeyLastUsage.KmsRequestId | Should -Be $usage.KmsRequestId
    }

    It 'does not count administration or a failed call' {
        $Key | Set-KmsKey -Description 'changed'
        $Key | Get-KmsKeyRotation | Out-Null
        $Key | Disable-KmsKey
        Protect-KmsData -KeyId $Key.KeyId -Value 'refused' -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
        $failed | Should -Not -BeNullOrEmpty
        ($Key | Get-KmsKeyLastUsage).NeverUsed | Should -BeTrue
    }

    It 'finds the keys nobody used in 90 days, the never used ones among them' {
        $old, $recent, $never = 1..3 | ForEach-Object { New-KmsKey -Description "pester usage $_" }
        Protect-KmsData -KeyId $old.KeyId -Value 'then' | Out-Null
        $now = (Set-KmsLocalClock -Advance (New-TimeSpan -Days 100) -PassThru).Now.LocalDateTime
        Protect-KmsData -KeyId $recent.KeyId -Value 'now' | Out-Null

        $unused = $old, $recent, $never | Get-KmsKeyLastUsage | Where-Object LastUsedDate -lt $now.AddDays(-90)
        $unused.KeyId | Should -Be @($old.KeyId, $never.KeyId)
    }

    It 'names keys by alias, and reports a missing key as KeyNotFound' {
        $alias = "alias/pester-usage-$(Get-Random -Maximum 99999)"
        New-KmsAlias -Name $alias -KeyId $Key.KeyId
        (Get-KmsKeyLastUsage -KeyId $alias).KeyId | Should -Be $Key.KeyId
        $missing = '0b0b0b0b-1111-2222-3333-444455556666'
        Get-KmsKeyLastUsage -KeyId $Key.KeyId, $missing -ErrorAction SilentlyContinue -ErrorVariable failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyLastUsageCommand'
        $failures[0].TargetObject | Should -Be $missing
    }
}

Describe 'Get-KmsKey -IncludeLastUsage' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
    It 'adds each key''s last usage, in the order asked' {
        $used = New-KmsKey -Description 'pester include used'
        $unused = New-KmsKey -Description 'pester include unused'
        New-KmsDataKey -KeyId $used.KeyId | Out-Null
        $keys = Get-KmsKey -KeyId $used.KeyId, $unused.KeyId -IncludeLastUsage -ThrottleLimit 2
        $keys.KeyId | Should -Be @($used.KeyId, $unused.KeyId)
        $keys[0].LastUsage.Operation | Should -Be 'GenerateDataKey'
        $keys[1].LastUsage.NeverUsed | Should -BeTrue
        (Get-KmsKey -KeyId $used.KeyId).LastUsage | Should -BeNullOrEmpty -Because 'usage is read only when asked for'
    }
}
