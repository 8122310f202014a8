BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
}

Describe 'Get-KmsKey across accounts and regions on the local KMS' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        # Accounts of their own (local principals): the keys other test files make are in none of them.
        $script:Suffix = Get-Random -Maximum 999999
        $script:Accounts = @(11, 12 | ForEach-Object { New-Account $_ })
        $script:Roles = @($Accounts | ForEach-Object { "arn:aws:iam::${_}:role/Inventory" })
        $script:Principals = @($Roles | ForEach-Object { Add-KmsLocalPrincipal -PrincipalArn $_ -AccountAdministrator -Force })
        $script:Sessions = @($Principals | ForEach-Object { Connect-Kms -Local -AccessKey $_.AccessKeyId -SecretKey $_.SecretAccessKey -PassThru })
        $script:Keys = foreach ($session in $Sessions) {
            New-KmsKey -Session $session -Region us-east-1 -Description 'inventory east' -Alias "alias/inventory-app-$Suffix"
            $west = New-KmsKey -Session $session -Region eu-west-1 -Description 'inventory west'
            Disable-KmsKey -Session $session -KeyId $west -Confirm:$false
            Get-KmsKey -Session $session -KeyId $west.KeyArn
        }

        # A profile per account, signing in to the same local KMS served over loopback HTTP (in the suite's config
        # file: the SDK keeps the path it first read).
        $script:SavedConfig = Get-Content -Raw $env:AWS_CONFIG_FILE
        $script:Profiles = @("inventory-a-$Suffix", "inventory-b-$Suffix")
        Set-Content $env:AWS_CONFIG_FILE (0, 1 | ForEach-Object {
                "[profile $($Profiles[$_])]", 'region = us-east-1', "endpoint_url = $Endpoint",
                "aws_access_key_id = $($Principals[$_].AccessKeyId)", "aws_secret_access_key = $($Principals[$_].SecretAccessKey)", ''
            })

        # An account whose principal may do nothing in eu-west-1: that region is unreachable for it.
        $limited = New-EuWest1DeniedAccount -Account (New-Account 13) -Description 'inventory limited'
        $script:LimitedAccount, $script:LimitedRole, $script:LimitedKey = $limited.Account, $limited.RoleArn, $limited.Key
        Connect-TestKms
    }

    AfterAll { Set-Content $env:AWS_CONFIG_FILE $SavedConfig -NoNewline }

    It 'lists the keys of two accounts through their roles, account by account, then region by region' {
        $found = @(Get-KmsKey -RoleArn $Roles -Region us-east-1, eu-west-1)
        $found.KeyArn | Should -Be @($Keys.KeyArn)
        $found.AccountId | Should -Be @($Accounts[0], $Accounts[0], $Accounts[1], $Accounts[1])
        $found.Region | Should -Be @('us-east-1', 'eu-west-1', 'us-east-1', 'eu-west-1')
        $found.RoleArn | Should -Be @($Roles[0], $Roles[0], $Roles[1], $Roles[1])
        $found.Where({ $_.ProfileName }) | Should -BeNullOrEmpty
    }

    It 'lists the keys of two accounts through their profiles, in the region of each profile when -Region is omitted' {
        $found = @(Get-KmsKey -ProfileName $Profiles -Region us-east-1, eu-west-1)
        $found.KeyArn | Should -Be @($Keys.KeyArn)
        $found.ProfileName | Should -Be @($Profiles[0], $Profiles[0], $Profiles[1], $Profiles[1])
        $found.Where({ $_.RoleArn }) | Should -BeNullOrEmpty
        (Get-KmsKey -ProfileName $Profiles).KeyArn | Should -Be @($Keys[0].KeyArn, $Keys[2].KeyArn)
    }

    It 'reads every region of the partition with -Region *, in region order' {
        $found = @(Get-KmsKey -RoleArn $Roles[0] -Region *)
        $found.KeyArn | Should -Be @($Keys[1].KeyArn, $Keys[0].KeyArn) -Because 'eu-west-1 comes before us-east-1'
    }

    It 'keeps only the keys in the states asked for, in every account' {
        $found = @(Get-KmsKey -RoleArn $Roles -Region us-east-1, eu-west-1 -State Disabled)
        $found.KeyArn | Should -Be @($Keys[1].KeyArn, $Keys[3].KeyArn)
    }

    It 'finds the keys behind an alias in every account, and an alias found in none is one AliasNotFound' {
        $found = @(Get-KmsKey -RoleArn $Roles -Alias "inventory-app-$Suffix", "inventory-none-$Suffix", 'inventory-none-*' -Region us-east-1, eu-west-1 `
                -ErrorVariable failed -ErrorAction SilentlyContinue)
        $found.KeyArn | Should -Be @($Keys[0].KeyArn, $Keys[2].KeyArn)
        @($failed).Count | Should -Be 1
        $failed.FullyQualifiedErrorId | Should -BeLike 'AliasNotFound,*'
        $failed.TargetObject | Should -Be "inventory-none-$Suffix"
    }

    It 'an unreachable profile, role or region is one error in its place, and the other keys still come' {
        $found = @(Get-KmsKey -ProfileName 'kmsps-no-such-profile' -RoleArn $LimitedRole, 'arn:aws:iam::999999999999:role/Nobody', $Roles[0] `
                -Region us-east-1, eu-west-1 -ErrorVariable failed -ErrorAction SilentlyContinue)
        $found.KeyArn | Should -Be @($LimitedKey.KeyArn, $Keys[0].KeyArn, $Keys[1].KeyArn)
        $failed.FullyQualifiedErrorId -replace ',.*' | Should -Be @('ProfileNotFound', 'AccessDenied', 'RoleNotAssumed')
        $failed.TargetObject | Should -Be @('profile kmsps-no-such-profile', "$LimitedAccount eu-west-1", 'arn:aws:iam::999999999999:role/Nobody')
    }

    It 'exports one CSV row per key with its account, region and role' {
        $path = Join-Path $TestDrive 'keys.csv'
        Get-KmsKey -RoleArn $Roles -Region us-east-1, eu-west-1 | Export-Csv -Path $path
        $rows = @(Import-Csv -Path $path)
        $rows.KeyId | Should -Be @($Keys.KeyId)
        $rows.AccountId | Should -Be @($Accounts[0], $Accounts[0], $Accounts[1], $Accounts[1])
        $rows.Region | Should -Be @('us-east-1', 'eu-west-1', 'us-east-1', 'eu-west-1')
        $rows.RoleArn | Should -Be @($Roles[0], $Roles[0], $Roles[1], $Roles[1])
    }

    It 'groups the table by region and account, within 80 and 120 columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = @((Get-KmsKey -RoleArn $Roles -Region us-east-1 | Out-String -Width $Width) -split "`r?`n")
        $lines | Where-Object { $_.Length -gt $Width } | Should -BeNullOrEmpty
        $lines -match "^\s+Region: us-east-1, account $($Accounts[0])$" | Should -HaveCount 1
        $lines -match "^\s+Region: us-east-1, account $($Accounts[1])$" | Should -HaveCount 1
    }

    It 'keeps keys read with the session as they were: no account in the group, no profile or role' {
        $key = Get-KmsKey -Session $Sessions[0] -Region us-east-1
        $key.KeyArn | Should -Be $Keys[0].KeyArn
        $key.ProfileName, $key.RoleArn | Should -Be @($null, $null)
        ($key | Out-String -Width 80) | Should -Match '(?m)^\s+Region: us-east-1\r?$'
    }

    It 'refuses -RoleArn with -KeyId: a key ARN already names its account' {
        { Get-KmsKey -KeyId $Keys[0].KeyArn -RoleArn $Roles[0] } | Should -Throw -ErrorId 'AmbiguousParameterSet,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
    }

    It 'completes the profile names after -ProfileName' {
        $line = "Get-KmsKey -ProfileName inventory-a-$Suffix"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @($Profiles[0])
    }
}

Describe 'Get-KmsKey across accounts on moto' -Skip:($env:KMSPS_TEST_BACKEND -ne 'moto') {
    BeforeAll {
        $script:Roles = @(11, 12 | ForEach-Object { "arn:aws:iam::$(New-Account $_):role/Inventory" })
        $script:Keys = New-MotoAccountKey -RoleArn $Roles -Region us-east-1, us-west-2 -Description 'inventory moto'
        Connect-TestKms
    }

    It 'lists the keys of every account and region, each with its account and role, and exports them one row each' {
        $found = @(Get-KmsKey -RoleArn $Roles -Region us-east-1, us-west-2)
        $found.KeyArn | Should -Be @($Keys.KeyArn)
        $found.AccountId | Should -Be @($Keys.AccountId)
        $found.RoleArn | Should -Be @($Roles[0], $Roles[0], $Roles[1], $Roles[1])
        $path = Join-Path $TestDrive 'keys.csv'
        $found | Export-Csv -Path $path
        (Import-Csv -Path $path | ForEach-Object { "$($_.AccountId) $($_.Region) $($_.KeyId)" }) |
            Should -Be @($Keys | ForEach-Object { "$($_.AccountId) $($_.Region) $($_.KeyId)" })
    }
}
