BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:BulkIds = Get-BulkKeyIds -Count 120
    $suffix = [guid]::NewGuid().ToString('n').Substring(0, 8)
    $script:AliasName = "alias/pester-forms-$suffix"
    $script:Prefix = "pester-wild-$suffix"
    $script:Key, $wild1, $wild2, $wild3, $script:WestKey = New-TestKey -Spec @(
        @{ Description = 'pester alias forms'; Alias = $AliasName }
        1..3 | ForEach-Object { @{ Description = "wild $_"; Alias = "alias/$Prefix-$_" } }
        @{ Description = 'pester west'; Region = 'us-west-2' }
    )
    $script:WildKeys = $wild1, $wild2, $wild3
    $script:AliasArn = $Key.Arn -replace ':key/.*$', ":$AliasName"
}

Describe 'Get-KmsKey' {
    Context 'listing' {
        It 'lists every key of the region, all pages, with details' {
            $keys = Get-KmsKey
            $keys.Count | Should -BeGreaterOrEqual 120
            $listed = @{}
            $keys | ForEach-Object { $listed[$_.KeyId] = $_ }
            foreach ($id in $BulkIds) { $listed.ContainsKey($id) | Should -BeTrue -Because "bulk key $id was made by another client" }
            $keys | ForEach-Object { $_ | Should -BeOfType ([KmsPowerShell.KmsKey]) }
        }

        It 'lists several regions together' {
            $keys = Get-KmsKey -Region us-east-1, us-west-2
            ($keys | Where-Object KeyId -eq $WestKey.KeyId).Region | Should -Be 'us-west-2'
            ($keys | Where-Object KeyId -eq $Key.KeyId).Region | Should -Be 'us-east-1'
        }
    }

    Context 'one key' {
        It 'returns the details of the key' {
            $found = Get-KmsKey -KeyId $Key.KeyId
            $found.KeyId | Should -Be $Key.KeyId
            $found.Arn | Should -Be $Key.Arn
            $found.Aliases | Should -Be @($AliasName)
            $found.State | Should -Be 'Enabled'
            $found.Enabled | Should -BeTrue
            $found.KeySpec | Should -Be 'SYMMETRIC_DEFAULT'
            $found.KeyUsage | Should -Be 'ENCRYPT_DECRYPT'
            $found.Description | Should -Be 'pester alias forms'
            $found.KeyManager | Should -Be 'CUSTOMER'
            $found.Region | Should -Be 'us-east-1'
            $found.MultiRegion | Should -BeFalse
            $found.CreationDate | Should -BeOfType ([datetime])
            $found.DeletionDate | Should -BeNullOrEmpty
        }

        It 'resolves the key by <Form>' -ForEach @(
            @{ Form = 'key id'; Value = { $Key.KeyId } }
            @{ Form = 'key ARN'; Value = { $Key.Arn } }
            @{ Form = 'alias name'; Value = { $AliasName } }
            @{ Form = 'alias ARN'; Value = { $AliasArn } }
        ) {
            (Get-KmsKey -KeyId (& $Value)).KeyId | Should -Be $Key.KeyId
        }

        It 'finds a key id in the region given with -Region' {
            $found = Get-KmsKey -KeyId $WestKey.KeyId -Region us-west-2
            $found.Arn | Should -Be $WestKey.Arn
        }

        It 'follows the region a key ARN names, whatever the session region' {
            $found = Get-KmsKey -KeyId $WestKey.Arn
            $found.Region | Should -Be 'us-west-2'
            $found.KeyId | Should -Be $WestKey.KeyId
        }
    }

    Context 'pipeline' {
        It 'accepts piped ARNs and keeps their order' {
            $arns = @($BulkIds[5..14] | ForEach-Object { (Get-KmsKey -KeyId $_).Arn })
            $found = $arns | Get-KmsKey
            $found.Arn | Should -Be $arns
        }

        It 'describes piped keys <Limit> at a time, in their order, with a missing key in its place' -ForEach @(@{ Limit = 1 }, @{ Limit = 16 }) {
            $missing = [guid]::NewGuid().ToString()
            $ids = @($BulkIds[20..26]) + $missing + @($BulkIds[27..39])
            $all = $ids | Get-KmsKey -ThrottleLimit $Limit -ErrorAction Continue 2>&1
            $all.Count | Should -Be 21
            $all[7] | Should -BeOfType ([Management.Automation.ErrorRecord])
            $all[7].TargetObject | Should -Be $missing
            @($all | Where-Object { $_ -is [KmsPowerShell.KmsKey] }).KeyId | Should -Be @($BulkIds[20..26] + $BulkIds[27..39])
        }

        It 'accepts piped KmsKey objects' {
            $keys = Get-KmsKey -KeyId $Key.KeyId, $WestKey.Arn
            $again = $keys | Get-KmsKey
            $again.KeyId | Should -Be @($Key.KeyId, $WestKey.KeyId)
            $again.Region | Should -Be @('us-east-1', 'us-west-2')
        }

        It 'binds KeyId by property name from other tools (awscli list-keys output)' {
            $entries = (Invoke-Aws kms list-keys).Keys | Where-Object KeyId -in $BulkIds[0..2]
            $found = $entries | Get-KmsKey
            $found.KeyId | Should -Be $entries.KeyId
        }
    }

    Context 'aliases' {
        It 'finds keys by alias with wildcards, with or without the alias/ prefix' {
            (Get-KmsKey -Alias "$Prefix-*").KeyId | Should -Be $WildKeys.KeyId
            (Get-KmsKey -Alias "alias/$Prefix-[12]").KeyId | Should -Be $WildKeys[0..1].KeyId
        }

        It 'reports an alias that does not exist as a non-terminating error' {
            $found = Get-KmsKey -Alias "$Prefix-1", "$Prefix-none" -ErrorVariable failures -ErrorAction SilentlyContinue
            $found.KeyId | Should -Be $WildKeys[0].KeyId
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AliasNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            $failures[0].TargetObject | Should -Be "$Prefix-none"
        }

        It 'matches nothing quietly for a wildcard that matches nothing' {
            Get-KmsKey -Alias 'no-such-prefix-*' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
        }
    }

    Context 'errors' {
        It 'reports a missing key as a non-terminating error and goes on' {
            $missing = [guid]::NewGuid().ToString()
            $found = Get-KmsKey -KeyId $missing, $Key.KeyId -ErrorVariable failures -ErrorAction SilentlyContinue
            $found.KeyId | Should -Be $Key.KeyId
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be $missing
            $failures[0].Exception.ErrorCode | Should -Be 'NotFoundException'
            $failures[0].Exception.InnerException | Should -Not -BeNullOrEmpty
        }

        It 'makes a missing key terminating with -ErrorAction Stop' {
            { Get-KmsKey -KeyId ([guid]::NewGuid()) -ErrorAction Stop } |
                Should -Throw -ErrorId 'KeyNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        }

        It 'refuses a malformed ARN before any call, and goes on with the next key' {
            $found = Get-KmsKey -KeyId 'arn:aws:kms:us-east-1:key/1234', $Key.KeyId -ErrorVariable failures -ErrorAction SilentlyContinue
            $found.KeyId | Should -Be $Key.KeyId
            $failures[0].FullyQualifiedErrorId | Should -Be 'KeyIdInvalid,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            $failures[0].Exception.Message | Should -Match 'is not a KMS key or alias ARN'
        }

        It 'says which alias a bare word that is not a key may mean, in <Command>' -ForEach @(
            @{ Command = 'Get-KmsKey'; Run = { param($Word) Get-KmsKey -KeyId $Word -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
            @{ Command = 'Get-KmsTag'; Run = { param($Word) Get-KmsTag -KeyId $Word -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
            @{ Command = 'Protect-KmsData'; Run = { param($Word) Protect-KmsData -KeyId $Word -Value 'x' -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
        ) {
            $word = $AliasName.Substring('alias/'.Length)
            $failures = & $Run $word
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'KeyNotFound,*'
            $failures[0].Exception.Message | Should -BeLike "*did you mean '$AliasName'?"
            $failures[0].TargetObject | Should -Be $word
        }

        It 'gives no alias hint when no alias has the name, or the text is a key id' {
            Get-KmsKey -KeyId "pester-no-such-$([guid]::NewGuid().ToString('n'))", ([guid]::NewGuid()) -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 2
            $failures | ForEach-Object { $_.Exception.Message | Should -Not -Match 'did you mean' }
        }

        It 'warns once about a region it does not know, naming the closest, and still asks it, in <Command>' -ForEach @(
            @{ Command = 'Get-KmsKey'; Run = { Get-KmsKey -Region eu-wst-1, eu-wst-1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null; $warnings } }
            @{ Command = 'New-KmsKey'; Run = { New-KmsKey -Region eu-wst-1 -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null; $warnings } }
            @{ Command = 'Get-KmsAlias'; Run = { Get-KmsAlias -Region eu-wst-1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null; $warnings } }
        ) {
            $warnings = & $Run
            @($warnings).Count | Should -Be 1
            "$($warnings[0])" | Should -Be 'eu-wst-1 is not a region KmsPowerShell knows; did you mean eu-west-1?'
        }

        It 'does not warn about a region it knows' {
            Get-KmsKey -KeyId $Key.KeyId -Region us-east-1 -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
            $warnings | Should -BeNullOrEmpty
        }

        It 'reports an invalid region name clearly' {
            Get-KmsKey -Region 'moon-base-1a' -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings | Should -BeNullOrEmpty
            $warnings | Should -BeNullOrEmpty -Because 'the error says it already' 
            $failures[0].FullyQualifiedErrorId | Should -Be 'RegionInvalid,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            $failures[0].Exception.Message | Should -Match 'is not an AWS region name'
        }
    }

    Context 'output' {
        It 'shows a table by default' {
            $text = Get-KmsKey -KeyId $Key.KeyId | Out-String -Width 250
            $text | Should -Match 'Alias\s+KeyId\s+State\s+Description'
            $text | Should -Match ([regex]::Escape($AliasName))
        }
    }
}
