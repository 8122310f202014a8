# Principals of the local KMS through the cmdlets: added with policies and tags, listed, removed, and kept in a state file.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    $script:Suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:ReadPolicy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:DescribeKey","Resource":"*"}]}'
    $script:DefaultArn = 'arn:aws:iam::111122223333:user/local-admin'
}

# The local cmdlets never reach the backend under test: once is enough.
Describe 'local principals' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeEach { Connect-Kms -Local }
    AfterAll { Disconnect-Kms -ErrorAction Ignore }

    It 'adds a principal with identity policies and tags, and Get-KmsLocalPrincipal finds it by ARN or wildcard' {
        $policyFile = Join-Path $TestDrive 'encrypt.json'
        Set-Content $policyFile '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}}'
        $arn = "arn:aws:iam::111122223333:role/pester-tagged-$Suffix"

        $added = Add-KmsLocalPrincipal $arn -PolicyDocument $ReadPolicy -PolicyPath $policyFile -Tag @{ team = 'billing'; env = 'test' }

        $added.IdentityPolicies | Should -Be @($ReadPolicy, (Get-Content -Raw $policyFile))
        $added.Tags['team'] | Should -Be 'billing'
        $got = Get-KmsLocalPrincipal -PrincipalArn "*pester-tagged-$Suffix"
        $got.PrincipalArn | Should -Be $arn
        $got.AccessKeyId | Should -Be $added.AccessKeyId
        $got.Tags['env'] | Should -Be 'test'
        (Get-KmsLocalPrincipal).PrincipalArn | Should -Contain $DefaultArn
        (Get-KmsLocalPrincipal $DefaultArn).AccountAdministrator | Should -BeTrue
        (Get-KmsLocalPrincipal | Out-String -Width 120) | Should -Not -Match ([regex]::Escape($added.SecretAccessKey))
    }

    It 'refuses a policy that is no IAM policy, and a principal that exists unless -Force, adding nothing' {
        $arn = "arn:aws:iam::111122223333:role/pester-refused-$Suffix"
        { Add-KmsLocalPrincipal $arn -PolicyDocument $ReadPolicy, '{"Version":"2012-10-17"}' } |
            Should -Throw -ErrorId 'PolicyInvalid,KmsPowerShell.Commands.Local.AddKmsLocalPrincipalCommand'
        { Add-KmsLocalPrincipal $arn -PolicyPath (Join-Path $TestDrive 'missing.json') } |
            Should -Throw -ErrorId 'PolicyFileNotFound,KmsPowerShell.Commands.Local.AddKmsLocalPrincipalCommand'
        Get-KmsLocalPrincipal $arn -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'LocalPrincipalNotFound,KmsPowerShell.Commands.Local.GetKmsLocalPrincipalCommand'

        $first = Add-KmsLocalPrincipal $arn
        { Add-KmsLocalPrincipal $arn } | Should -Throw -ErrorId 'LocalPrincipalExists,KmsPowerShell.Commands.Local.AddKmsLocalPrincipalCommand'
        { Add-KmsLocalPrincipal "$arn-2" -AccessKeyId $first.AccessKeyId } | Should -Throw -ErrorId 'LocalPrincipalExists,KmsPowerShell.Commands.Local.AddKmsLocalPrincipalCommand'
        (Get-KmsLocalPrincipal $arn).AccessKeyId | Should -Be $first.AccessKeyId
        $second = Add-KmsLocalPrincipal $arn -Force
        (Get-KmsLocalPrincipal $arn).AccessKeyId | Should -Be $second.AccessKeyId
    }

    It 'removes principals piped from Get-KmsLocalPrincipal, removes nothing under -WhatIf even with -Force, and never removes the default one' {
        $arns = 1..2 | ForEach-Object { "arn:aws:iam::111122223333:role/pester-gone-$Suffix-$_" }
        $arns | ForEach-Object { $null = Add-KmsLocalPrincipal $_ }

        Get-KmsLocalPrincipal "*pester-gone-$Suffix-*" | Remove-KmsLocalPrincipal -Force -WhatIf
        @(Get-KmsLocalPrincipal "*pester-gone-$Suffix-*").Count | Should -Be 2
        Get-KmsLocalPrincipal "*pester-gone-$Suffix-*" | Remove-KmsLocalPrincipal -Force
        Get-KmsLocalPrincipal "*pester-gone-$Suffix-*" | Should -BeNullOrEmpty

        Remove-KmsLocalPrincipal $arns[0] -Force -ErrorAction SilentlyContinue -ErrorVariable gone
        $gone[0].FullyQualifiedErrorId | Should -Be 'LocalPrincipalNotFound,KmsPowerShell.Commands.Local.RemoveKmsLocalPrincipalCommand'
        Remove-KmsLocalPrincipal $DefaultArn -Force -ErrorAction SilentlyContinue -ErrorVariable builtIn
        $builtIn[0].FullyQualifiedErrorId | Should -Be 'LocalPrincipalBuiltIn,KmsPowerShell.Commands.Local.RemoveKmsLocalPrincipalCommand'
        Get-KmsLocalPrincipal $DefaultArn | Should -Not -BeNullOrEmpty
    }

    It 'completes principal ARNs' {
        $arn = "arn:aws:iam::111122223333:role/pester-complete-$Suffix"
        $null = Add-KmsLocalPrincipal $arn
        $line = "Remove-KmsLocalPrincipal -PrincipalArn *pester-complete-$Suffix"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($arn)
    }

    It 'keeps a principal with its policy and tags, the clock and the faults across a server restart on a state file' {
        $state = Join-Path $TestDrive 'principals.json'
        $arn = "arn:aws:iam::111122223333:user/pester-kept-$Suffix"
        $server = Start-KmsLocalServer -LocalStatePath $state
        $added = Add-KmsLocalPrincipal $arn -AccountAdministrator -PolicyDocument $ReadPolicy -Tag @{ team = 'billing' } -LocalStatePath $state
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 2) -LocalStatePath $state
        Set-KmsLocalFault -ThrottleRate 1 -LocalStatePath $state
        $server | Stop-KmsLocalServer

        $server = Start-KmsLocalServer -LocalStatePath $state
        try {
            $kept = Get-KmsLocalPrincipal $arn -LocalStatePath $state
            $kept.AccessKeyId | Should -Be $added.AccessKeyId
            $kept.IdentityPolicies | Should -Be @($ReadPolicy)
            $kept.Tags['team'] | Should -Be 'billing'
            (Set-KmsLocalClock -Advance 0 -PassThru -LocalStatePath $state).Offset | Should -Be (New-TimeSpan -Days 2)
            $asKept = Connect-Kms -EndpointUrl $server.Endpoint -Region us-east-1 -AccessKey $added.AccessKeyId -SecretKey $added.SecretAccessKey -MaxAttempts 1 -PassThru
            Get-KmsKey -Session $asKept -ErrorAction SilentlyContinue -ErrorVariable throttled | Should -BeNullOrEmpty
            $throttled[0].FullyQualifiedErrorId | Should -Be 'Throttled,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            Set-KmsLocalFault -LocalStatePath $state
            (New-KmsKey -Session $asKept -Description 'signed by a kept principal').Description | Should -Be 'signed by a kept principal'
            $asKept.Dispose()
        }
        finally {
            Set-KmsLocalFault -LocalStatePath $state
            $server | Stop-KmsLocalServer
        }
    }
}
