BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Prefix = "pester-alias-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:KeyA = New-KmsKey -Description 'alias target A'
    $script:KeyB = New-KmsKey -Description 'alias target B'
}

Describe 'aliases' {
    It 'creates an alias from a piped key and returns it' {
        $alias = $KeyA | New-KmsAlias -Name "alias/$Prefix-one"
        $alias | Should -BeOfType ([KmsPowerShell.KmsAlias])
        $alias.AliasName | Should -Be "alias/$Prefix-one"
        $alias.TargetKeyId | Should -Be $KeyA.KeyId
        $alias.Region | Should -Be 'us-east-1'
    }

    It 'lists aliases by name with wildcards and by key' {
        New-KmsAlias -Name "alias/$Prefix-two" -KeyId $KeyA.Arn | Out-Null
        (Get-KmsAlias -Name "$Prefix-*").AliasName | Should -Be @("alias/$Prefix-one", "alias/$Prefix-two")
        (Get-KmsAlias -KeyId $KeyA.KeyId).AliasName | Should -Be @("alias/$Prefix-one", "alias/$Prefix-two")
        ($KeyA | Get-KmsAlias).TargetKeyId | Sort-Object -Unique | Should -Be $KeyA.KeyId
    }

    It 'hides AWS managed aliases unless asked' {
        Get-KmsAlias | Where-Object AwsManaged | Should -BeNullOrEmpty
    }

    It 'reports an alias name that matches nothing' {
        Get-KmsAlias -Name "$Prefix-none" -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Aliases.GetKmsAliasCommand'
    }

    It 'points a piped alias at another key' {
        $moved = Get-KmsAlias "$Prefix-two" | Set-KmsAlias -KeyId $KeyB -PassThru
        $moved.TargetKeyId | Should -Be $KeyB.KeyId
        (Get-KmsKey -KeyId "alias/$Prefix-two").KeyId | Should -Be $KeyB.KeyId
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a name without alias/'; Name = 'plain'; ErrorId = 'AliasNameInvalid' }
        @{ Case = 'a name under alias/aws/'; Name = 'alias/aws/ebs'; ErrorId = 'AliasNameReserved' }
        @{ Case = 'a name with spaces'; Name = 'alias/two words'; ErrorId = 'AliasNameInvalid' }
    ) {
        { New-KmsAlias -Name $Name -KeyId $KeyA.KeyId } | Should -Throw -ErrorId "$ErrorId,KmsPowerShell.Commands.Aliases.NewKmsAliasCommand"
    }

    It 'refuses an alias that exists' {
        New-KmsAlias -Name "alias/$Prefix-one" -KeyId $KeyB.KeyId -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AlreadyExists,KmsPowerShell.Commands.Aliases.NewKmsAliasCommand'
    }

    It 'deletes piped aliases with -Force, and nothing with -WhatIf' {
        Get-KmsAlias "$Prefix-*" | Remove-KmsAlias -WhatIf
        (Get-KmsAlias "$Prefix-*").Count | Should -Be 2
        Get-KmsAlias "$Prefix-*" | Remove-KmsAlias -Force
        Get-KmsAlias "$Prefix-*" | Should -BeNullOrEmpty
        (Invoke-Aws kms list-aliases).Aliases.AliasName | Should -Not -Contain "alias/$Prefix-one"
    }
}
