BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    function New-Name { "alias/pester-admin-$([guid]::NewGuid().ToString('n').Substring(0, 10))" }
    $script:Fqid = { param($ErrorId, $Command) "$ErrorId,KmsPowerShell.Commands.Keys.$Command" }
}

Describe 'New-KmsKey' {
    It 'creates a symmetric key with description, tags and alias' {
        $alias = New-Name
        $key = New-KmsKey -Description 'pester new' -Tag @{ Owner = 'ops'; Project = 'pester' } -Alias $alias
        $key | Should -BeOfType ([KmsPowerShell.KmsKey])
        $key.KeySpec | Should -Be 'SYMMETRIC_DEFAULT'
        $key.KeyUsage | Should -Be 'ENCRYPT_DECRYPT'
        $key.Description | Should -Be 'pester new'
        $key.Aliases | Should -Be @($alias)
        $tags = (Invoke-Aws kms list-resource-tags --key-id $key.KeyId).Tags
        ($tags | Where-Object TagKey -eq 'Owner').TagValue | Should -Be 'ops'
        (Invoke-Aws kms describe-key --key-id $alias).KeyMetadata.KeyId | Should -Be $key.KeyId
    }

    It 'creates <Spec> keys with usage <Usage>' -ForEach @(
        @{ Spec = 'RSA_2048'; Usage = 'SIGN_VERIFY'; Given = $true }
        @{ Spec = 'ECC_NIST_P256'; Usage = 'SIGN_VERIFY'; Given = $true }
        @{ Spec = 'HMAC_256'; Usage = 'GENERATE_VERIFY_MAC'; Given = $false }
    ) {
        $extra = if ($Given) { @{ KeyUsage = $Usage } } else { @{} }
        $key = New-KmsKey -KeySpec $Spec @extra
        $key.KeySpec | Should -Be $Spec
        $key.KeyUsage | Should -Be $Usage
    }

    It 'creates a multi-Region key' {
        $key = New-KmsKey -MultiRegion -Description 'pester mrk'
        $key.MultiRegion | Should -BeTrue
        $key.KeyId | Should -BeLike 'mrk-*'
    }

    Context 'refused invocations' {
        BeforeAll { $script:KeysBeforeRefusals = (Invoke-Aws kms list-keys).Keys.Count }

        It 'refuses <Case> before any call' -ForEach @(
            @{ Case = 'an invalid spec/usage pair'; Arguments = @{ KeySpec = 'HMAC_256'; KeyUsage = 'ENCRYPT_DECRYPT' }; ErrorId = 'KeySpecUsageInvalid' }
            @{ Case = 'an ambiguous spec without usage'; Arguments = @{ KeySpec = 'RSA_2048' }; ErrorId = 'KeyUsageRequired' }
            @{ Case = 'an alias with a space'; Arguments = @{ Alias = 'alias/two words' }; ErrorId = 'AliasNameInvalid' }
            @{ Case = 'an alias under alias/aws/'; Arguments = @{ Alias = 'alias/aws/mine' }; ErrorId = 'AliasNameReserved' }
            @{ Case = 'malformed policy JSON'; Arguments = @{ Policy = '{ "Statement": [ }' }; ErrorId = 'PolicyInvalid' }
            @{ Case = 'a policy without statements'; Arguments = @{ Policy = '{ "Version": "2012-10-17" }' }; ErrorId = 'PolicyInvalid' }
            @{ Case = 'a reserved tag key'; Arguments = @{ Tag = @{ 'aws:owner' = 'x' } }; ErrorId = 'TagInvalid' }
        ) {
            { New-KmsKey @Arguments } | Should -Throw -ErrorId "$ErrorId,KmsPowerShell.Commands.Keys.NewKmsKeyCommand"
        }

        It 'created no key for any invocation it refused (awscli counts the keys before and after them)' {
            (Invoke-Aws kms list-keys).Keys.Count | Should -Be $KeysBeforeRefusals -Because 'nothing may be created'
        }
    }

    It 'takes an alias name without alias/, as every alias parameter does' {
        $name = (New-Name) -replace '^alias/', ''
        $key = New-KmsKey -Alias $name
        $key.Aliases | Should -Be @("alias/$name")
        (Get-KmsKey -KeyId "alias/$name").KeyId | Should -Be $key.KeyId
    }

    It 'creates no key when the alias already exists' {
        $alias = New-Name
        New-KmsKey -Alias $alias | Out-Null
        $before = (Invoke-Aws kms list-keys).Keys.Count
        New-KmsKey -Alias $alias -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AlreadyExists,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
        (Invoke-Aws kms list-keys).Keys.Count | Should -Be $before
    }

    It 'creates nothing with -WhatIf' {
        $before = (Invoke-Aws kms list-keys).Keys.Count
        New-KmsKey -Description 'whatif' -WhatIf | Should -BeNullOrEmpty
        (Invoke-Aws kms list-keys).Keys.Count | Should -Be $before
    }
}

Describe 'key lifecycle' {
    BeforeEach {
        $script:Alias = New-Name
        $script:Key = New-KmsKey -Description 'pester lifecycle' -Alias $Alias
    }

    It 'disables and enables, from the pipeline, with -PassThru' {
        ($Key | Disable-KmsKey -PassThru).State | Should -Be 'Disabled'
        (Invoke-Aws kms describe-key --key-id $Key.KeyId).KeyMetadata.KeyState | Should -Be 'Disabled'
        (Enable-KmsKey $Alias -PassThru).State | Should -Be 'Enabled'
    }

    It 'changes nothing with -WhatIf, and names the key and the action' {
        $Key | Disable-KmsKey -WhatIf
        (Invoke-Aws kms describe-key --key-id $Key.KeyId).KeyMetadata.KeyState | Should -Be 'Enabled'
    }

    It 'sets the description' {
        (Set-KmsKey $Key.Arn -Description 'changed' -PassThru).Description | Should -Be 'changed'
    }

    It 'schedules deletion with a warning that gives the date, and undoes it' {
        $result = $Key | Remove-KmsKey -PendingWindowInDays 7 -Force -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $result.State | Should -Be 'PendingDeletion'
        $result.DeletionDate | Should -BeGreaterThan (Get-Date).AddDays(6)
        $warnings[0] | Should -Match 'will be deleted on'
        (Get-KmsKey -State PendingDeletion).KeyId | Should -Contain $Key.KeyId
        (Get-KmsKey -State Enabled).KeyId | Should -Not -Contain $Key.KeyId
        $restored = $Key | Undo-KmsKeyRemoval -PassThru -WarningAction SilentlyContinue
        $restored.State | Should -Be 'Disabled'
    }

    It 'does not delete with -WhatIf or $WhatIfPreference, even with -Force' {
        $Key | Remove-KmsKey -Force -WhatIf
        $WhatIfPreference = $true
        try { $Key | Remove-KmsKey -Force } finally { $WhatIfPreference = $false }
        (Invoke-Aws kms describe-key --key-id $Key.KeyId).KeyMetadata.KeyState | Should -Be 'Enabled'
    }

    It 'refuses a window of <Days> days' -ForEach @(@{ Days = 6 }, @{ Days = 31 }) {
        { $Key | Remove-KmsKey -PendingWindowInDays $Days -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Keys.RemoveKmsKeyCommand'
    }

    It 'reports an unknown key per item and goes on' {
        $other = New-KmsKey -Description 'pester other'
        $missing = [guid]::NewGuid().ToString()
        $done = $missing, $other.KeyId | Disable-KmsKey -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $done.KeyId | Should -Be $other.KeyId
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Keys.DisableKmsKeyCommand'
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'stops at the first failure with -ErrorAction Stop' {
        $other = New-KmsKey -Description 'pester untouched'
        { [guid]::NewGuid().ToString(), $other.KeyId | Disable-KmsKey -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyNotFound,KmsPowerShell.Commands.Keys.DisableKmsKeyCommand'
        (Invoke-Aws kms describe-key --key-id $other.KeyId).KeyMetadata.KeyState | Should -Be 'Enabled'
    }

    It 'refuses to cancel the deletion of a key not pending deletion' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # moto does not enforce key states.
        { $Key | Undo-KmsKeyRemoval -ErrorAction Stop } | Should -Throw -ErrorId 'KeyStateInvalid,KmsPowerShell.Commands.Keys.UndoKmsKeyRemovalCommand'
    }
}

Describe 'bulk changes' {
    It 'disables many keys from Get-KmsKey -Alias, writing one error per failed key' {
        $prefix = "pester-bulk-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $keys = 1..12 | ForEach-Object { New-KmsKey -Alias "alias/$prefix-$_" }
        $missing = 1..3 | ForEach-Object { [guid]::NewGuid().ToString() }
        $targets = @($keys[0..5].KeyId) + $missing[0] + @($keys[6..9].KeyId) + $missing[1..2] + @($keys[10..11].KeyId)
        $done = $targets | Disable-KmsKey -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $done.Count | Should -Be 12
        $failures.Count | Should -Be 3
        (Get-KmsKey -Alias "$prefix-*").State | Sort-Object -Unique | Should -Be 'Disabled'
        Get-KmsKey -Alias "$prefix-*" | Enable-KmsKey
        (Get-KmsKey -Alias "$prefix-*").State | Sort-Object -Unique | Should -Be 'Enabled'
    }
}

Describe 'multi-Region keys' {
    It 'replicates a key and moves its primary region' {
        $primary = New-KmsKey -MultiRegion -Description 'pester replicate'
        $replica = $primary | New-KmsReplicaKey -ReplicaRegion us-west-2 -Description 'pester replica'
        $replica.Region | Should -Be 'us-west-2'
        $replica.KeyId | Should -Be $primary.KeyId
        $replica.MultiRegionKeyType | Should -Be 'REPLICA'
        $replica.PrimaryKeyArn | Should -Be $primary.Arn
        ($primary | Get-KmsKey).ReplicaKeyArns | Should -Be @($replica.Arn)
    }

    It 'moves the primary region' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # moto 5.2.1 does not implement UpdatePrimaryRegion.
        $primary = New-KmsKey -MultiRegion -Description 'pester primary'
        $primary | New-KmsReplicaKey -ReplicaRegion us-west-2 | Out-Null
        $primary | Set-KmsPrimaryRegion -PrimaryRegion us-west-2
        (Get-KmsKey -KeyId $primary.KeyId -Region us-west-2).MultiRegionKeyType | Should -Be 'PRIMARY'
    }

    It 'refuses an invalid replica region' {
        $primary = New-KmsKey -MultiRegion
        { $primary | New-KmsReplicaKey -ReplicaRegion 'mars-1a' } | Should -Throw -ErrorId 'RegionInvalid,KmsPowerShell.Commands.Keys.NewKmsReplicaKeyCommand'
    }
}
