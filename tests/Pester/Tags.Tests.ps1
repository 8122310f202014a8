BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
}

Describe 'tags' {
    BeforeEach {
        $script:Key = New-KmsKey -Description 'pester tags' -Tag @{ Owner = 'ops' }
    }

    It 'lists the tags of a key as KmsTag objects' {
        $tags = $Key | Get-KmsTag
        $tags | Should -BeOfType ([KmsPowerShell.KmsTag])
        $tags.TagKey | Should -Be 'Owner'
        $tags.TagValue | Should -Be 'ops'
        $tags.KeyId | Should -Be $Key.KeyId
        $tags.KeyArn | Should -Be $Key.Arn
    }

    It 'adds tags from a hashtable, replacing a value' {
        $after = $Key | Add-KmsTag -Tag @{ Owner = 'sec'; CostCenter = '42' } -PassThru
        ($after | Sort-Object TagKey).TagKey | Should -Be @('CostCenter', 'Owner')
        ($after | Where-Object TagKey -eq Owner).TagValue | Should -Be 'sec'
    }

    It 'removes piped tags' {
        $Key | Add-KmsTag -Tag @{ Temp = '1' }
        Get-KmsTag $Key -TagKey 'Te*' | Remove-KmsTag -Confirm:$false
        (Get-KmsTag $Key).TagKey | Should -Be @('Owner')
    }

    It 'matches -TagKey case-sensitively, as KMS tag keys are' {
        (Get-KmsTag $Key -TagKey 'owner').TagKey | Should -BeNullOrEmpty
        (Get-KmsTag $Key -TagKey 'Own*').TagKey | Should -Be 'Owner'
    }

    It 'changes nothing with -WhatIf' {
        $Key | Add-KmsTag -Tag @{ New = 'x' } -WhatIf
        (Get-KmsTag $Key).TagKey | Should -Be @('Owner')
    }

    It 'refuses an empty or reserved tag before any call' {
        { $Key | Add-KmsTag -Tag @{} } | Should -Throw -ErrorId 'TagInvalid,KmsPowerShell.Commands.Tags.AddKmsTagCommand'
        { $Key | Add-KmsTag -Tag @{ 'aws:x' = 'y' } } | Should -Throw -ErrorId 'TagInvalid,KmsPowerShell.Commands.Tags.AddKmsTagCommand'
    }
}
