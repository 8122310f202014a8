BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:AliasName = "alias/pester-complete-$Suffix"
    $script:Key = New-TestKey -Description 'pester completion' -Alias $AliasName
    $script:OtherKey = New-TestKey -Description 'pester completion other'

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'tab completion' {
    It 'completes alias names and key ids for -KeyId' {
        (Get-Completion "Get-KmsKey -KeyId alias/pester-complete-$Suffix").CompletionText | Should -Be @($AliasName)
        (Get-Completion "Get-KmsKey -KeyId $($Key.KeyId.Substring(0, 13))").CompletionText | Should -Contain $Key.KeyId
    }

    It 'completes a bare alias name for -KeyId to the alias/ form, which -KeyId takes' {
        $completed = (Get-Completion "Get-KmsKey -KeyId pester-complete-$Suffix").CompletionText
        $completed | Should -Be @($AliasName)
        (Get-KmsKey -KeyId $completed).KeyId | Should -Be $Key.KeyId
    }

    It 'lists key ids with their aliases, and shows the description in the tooltip' {
        $match = Get-Completion "Get-KmsKey -KeyId $($Key.KeyId)" | Where-Object CompletionText -eq $Key.KeyId
        $match.ListItemText | Should -Be "$($Key.KeyId) ($AliasName)"
        $match.ToolTip | Should -Be "$($Key.KeyId) ($AliasName): pester completion"
        $alias = Get-Completion "Get-KmsKey -KeyId $AliasName"
        $alias.ToolTip | Should -Be "$AliasName -> $($Key.KeyId): pester completion"
    }

    It 'completes <Line> with text the cmdlet takes' -ForEach @(
        @{ Line = 'Get-KmsAlias -Name'; Run = { param($Name) (Get-KmsAlias -Name $Name).TargetKeyId | Should -Be $Key.KeyId } }
        @{ Line = 'Get-KmsAlias'; Run = { param($Name) (Get-KmsAlias $Name).TargetKeyId | Should -Be $Key.KeyId } }
        @{ Line = 'Get-KmsKey -Alias'; Run = { param($Name) (Get-KmsKey -Alias $Name).KeyId | Should -Be $Key.KeyId } }
        @{ Line = 'Set-KmsAlias -KeyId $Key.KeyId -Name'; Run = { param($Name) (Set-KmsAlias -Name $Name -KeyId $Key.KeyId -PassThru).TargetKeyId | Should -Be $Key.KeyId } }
        @{ Line = 'Remove-KmsAlias -WhatIf -Name'; Run = { param($Name) Remove-KmsAlias -Name $Name -WhatIf -ErrorAction Stop } }
    ) {
        foreach ($typed in "pester-complete-$Suffix", "alias/pester-complete-$Suffix", "PESTER-complete-$Suffix") {
            $completed = (Get-Completion "$Line $typed").CompletionText
            $completed | Should -Be @($AliasName) -Because "'$typed' names the alias"
            & $Run $completed
        }
    }

    It 'removes an alias named as its completion gave it' {
        $name = "alias/pester-complete-rm-$Suffix"
        New-KmsAlias -Name $name -KeyId $OtherKey.KeyId | Out-Null
        $completed = (Get-Completion "Remove-KmsAlias -Name pester-complete-rm-$Suffix").CompletionText
        $completed | Should -Be @($name)
        Remove-KmsAlias -Name $completed -Force
        Get-KmsAlias -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'completes the grant ids of the key on the line, with grantee and operations in the tooltip, for <Command>' -ForEach @(
        @{ Command = 'Revoke-KmsGrant'; Remove = { param($KeyId, $GrantId) Revoke-KmsGrant -KeyId $KeyId -GrantId $GrantId -Force } }
        @{ Command = 'Remove-KmsGrant'; Remove = { param($KeyId, $GrantId) Remove-KmsGrant -KeyId $KeyId -GrantId $GrantId -Confirm:$false } }
    ) {
        $grant = New-KmsGrant -KeyId $Key.KeyId -GranteePrincipal 'arn:aws:iam::111122223333:role/pester-completion' -Operation Decrypt, Encrypt
        $matches = Get-Completion "$Command -KeyId $AliasName -GrantId $($grant.GrantId.Substring(0, 4))"
        $matches.CompletionText | Should -Be @($grant.GrantId)
        $matches[0].ToolTip | Should -Be 'arn:aws:iam::111122223333:role/pester-completion: Decrypt, Encrypt'
        (Get-Completion "$Command $AliasName ").CompletionText | Should -Contain $grant.GrantId
        & $Remove $AliasName $matches[0].CompletionText
        (Get-KmsGrant -KeyId $Key.KeyId).GrantId | Should -Not -Contain $grant.GrantId
    }

    It 'completes the tag keys of the key on the line for <Command>' -ForEach @(
        @{ Command = 'Get-KmsTag' }
        @{ Command = 'Remove-KmsTag' }
    ) {
        Add-KmsTag -KeyId $OtherKey.KeyId -Tag @{ 'Cost Center' = '42'; Owner = 'sec' }
        $matches = Get-Completion "$Command -KeyId $($OtherKey.KeyId) -TagKey cost"
        $matches.CompletionText | Should -Be @("'Cost Center'")
        $matches[0].ToolTip | Should -Be 'Cost Center = 42'
        $tagKey = Invoke-Expression $matches[0].CompletionText
        if ($Command -eq 'Get-KmsTag') { (Get-KmsTag -KeyId $OtherKey.KeyId -TagKey $tagKey).TagValue | Should -Be '42' }
        else { Remove-KmsTag -KeyId $OtherKey.KeyId -TagKey $tagKey; (Get-KmsTag -KeyId $OtherKey.KeyId).TagKey | Should -Be @('Owner') }
    }

    It 'completes the policy name' {
        $completed = (Get-Completion "Get-KmsKeyPolicy -KeyId $AliasName -PolicyName d").CompletionText
        $completed | Should -Be @('default')
        Get-KmsKeyPolicy -KeyId $AliasName -PolicyName $completed | Should -Match '"Statement"'
    }

    It 'completes region names' {
        $regions = (Get-Completion 'Connect-Kms -Region eu-west-').CompletionText
        $regions | Should -Contain 'eu-west-1'
        $regions | ForEach-Object { $_ | Should -BeLike 'eu-west-*' }
    }

    It 'completes no grants or tags for a key that does not exist' {
        Get-Completion "Revoke-KmsGrant -KeyId alias/pester-none-$Suffix -GrantId " | Should -BeNullOrEmpty
        Get-Completion "Get-KmsTag -KeyId $([guid]::NewGuid()) -TagKey " | Should -BeNullOrEmpty
    }

    It 'completes nothing, quickly, when there is no session' {
        Disconnect-Kms
        try {
            Get-Completion 'Get-KmsKey -KeyId alias/' | Should -BeNullOrEmpty
            Get-Completion "Revoke-KmsGrant -KeyId $($Key.KeyId) -GrantId " | Should -BeNullOrEmpty
        }
        finally { Connect-TestKms }
    }
}
