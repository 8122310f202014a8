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

    It 'keeps the region of piped objects from another region' {
        $west = New-KmsKey -Region us-west-2 -Description 'alias west' -Alias "alias/$Prefix-west"
        (Get-KmsAlias -Region us-west-2 -Name "$Prefix-west" | Disable-KmsKey -PassThru).State | Should -Be 'Disabled'
        ($west | Get-KmsAlias).AliasName | Should -Be "alias/$Prefix-west"
        Get-KmsAlias -Region us-west-2 -Name "$Prefix-west" | Remove-KmsAlias -Force
    }

    It 'hides AWS managed aliases unless asked' {
        Get-KmsAlias | Where-Object AwsManaged | Should -BeNullOrEmpty
    }

    It 'makes the AWS managed key on first use of alias/aws/<service>, readable but not changeable' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # On AWS (and the local KMS) naming alias/aws/s3 makes the AWS managed key; moto is not checked here.
        $managed = Get-KmsKey -KeyId alias/aws/s3
        $managed.KeyManager | Should -Be 'AWS'
        (Get-KmsAlias -Name alias/aws/s3).TargetKeyId | Should -Be $managed.KeyId
        Get-KmsAlias | Where-Object AwsManaged | Should -BeNullOrEmpty
        $managed | Enable-KmsKeyRotation -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Rotation.EnableKmsKeyRotationCommand'
    }

    It 'reports an alias name that matches nothing' {
        Get-KmsAlias -Name "$Prefix-none" -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'AliasNotFound,KmsPowerShell.Commands.Aliases.GetKmsAliasCommand'
    }

    It 'points a piped alias at another key' {
        $moved = Get-KmsAlias "$Prefix-two" | Set-KmsAlias -KeyId $KeyB -PassThru
        $moved.TargetKeyId | Should -Be $KeyB.KeyId
        (Get-KmsKey -KeyId "alias/$Prefix-two").KeyId | Should -Be $KeyB.KeyId
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a bare name under aws/'; Name = 'aws/ebs'; ErrorId = 'AliasNameReserved' }
        @{ Case = 'a name under alias/aws/'; Name = 'alias/aws/ebs'; ErrorId = 'AliasNameReserved' }
        @{ Case = 'a name with spaces'; Name = 'alias/two words'; ErrorId = 'AliasNameInvalid' }
    ) {
        { New-KmsAlias -Name $Name -KeyId $KeyA.KeyId } | Should -Throw -ErrorId "$ErrorId,KmsPowerShell.Commands.Aliases.NewKmsAliasCommand"
    }

    It 'takes a name without alias/ in New-, Set-, Get- and Remove-KmsAlias alike' {
        $created = New-KmsAlias -Name "$Prefix-bare" -KeyId $KeyA.KeyId
        $created.AliasName | Should -Be "alias/$Prefix-bare"
        (Set-KmsAlias -Name "$Prefix-bare" -KeyId $KeyB.KeyId -PassThru).TargetKeyId | Should -Be $KeyB.KeyId
        (Get-KmsAlias -Name "$Prefix-bare").TargetKeyId | Should -Be $KeyB.KeyId
        (Get-KmsKey -Alias "$Prefix-bare").KeyId | Should -Be $KeyB.KeyId
        Remove-KmsAlias -Name "$Prefix-bare" -Force
        (Invoke-Aws kms list-aliases).Aliases.AliasName | Should -Not -Contain "alias/$Prefix-bare"
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
