BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
}

Describe 'Get-KmsComplianceFinding and Repair-KmsComplianceFinding on the local KMS' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        # Accounts of their own (local principals), so the keys other test files make are not in these scans.
        $script:Account = New-Account 1
        $script:AuditRole = "arn:aws:iam::${Account}:role/Audit"
        $audit = Add-KmsLocalPrincipal -PrincipalArn $AuditRole -AccountAdministrator -Force
        $script:Owner = Connect-Kms -Local -AccessKey $audit.AccessKeyId -SecretKey $audit.SecretAccessKey -PassThru
        $script:East = New-KmsKey -Session $Owner -Region us-east-1 -Description 'compliance east'
        $script:West = New-KmsKey -Session $Owner -Region eu-west-1 -Description 'compliance west'
        $script:Rotating = New-KmsKey -Session $Owner -Region eu-west-1 -Description 'compliance rotating'
        Enable-KmsKeyRotation -Session $Owner -KeyId $Rotating -Confirm:$false

        # An account whose principal may do nothing in eu-west-1: that region is unreachable for it.
        $limited = New-EuWest1DeniedAccount -Account (New-Account 2) -Description 'compliance limited'
        $script:LimitedAccount, $script:LimitedRole, $script:LimitedKey = $limited.Account, $limited.RoleArn, $limited.Key
        Connect-TestKms
    }

    It 'finds each key with rotation off, in account, region and key order, through the role of its account' {
        $found = @(Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled)
        $found.KeyId | Should -Be @($East.KeyId, $West.KeyId)
        $found.Region | Should -Be @('us-east-1', 'eu-west-1')
        $found.Account | Sort-Object -Unique | Should -Be $Account
        $found.RoleArn | Sort-Object -Unique | Should -Be $AuditRole
        $found.Fix.Action | Sort-Object -Unique | Should -Be 'EnableKeyRotation'
    }

    It 'still reports every finding while the local KMS throttles a tenth of the calls' {
        # The role's session retries as the session it was assumed from does.
        Connect-Kms -Local -Region us-east-1 -MaxAttempts 10
        # A tenth, not more: the SDK backs off for seconds after a throttle, longer the more throttles in a row.
        Set-KmsLocalFault -ThrottleRate 0.1 -Seed 7
        try {
            # The SDK backs off for seconds after a throttle: every read at once keeps the run short while some wait.
            $found = @(Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled -ThrottleLimit 32)
        }
        finally {
            Set-KmsLocalFault
            Connect-TestKms
        }
        $found.KeyId | Should -Be @($East.KeyId, $West.KeyId)
    }

    It 'reads the same findings one key at a time as eight at once' {
        $one = Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -ThrottleLimit 1 | ForEach-Object { "$($_.Region) $($_.KeyId) $($_.CheckId)" }
        $eight = Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -ThrottleLimit 8 | ForEach-Object { "$($_.Region) $($_.KeyId) $($_.CheckId)" }
        $one | Should -Be $eight
        $one | Should -Not -BeNullOrEmpty
    }

    It 'an unreachable region, profile or role is one error in its place, and the rest goes on' {
        $found = @(Get-KmsComplianceFinding -RoleArn $LimitedRole, 'arn:aws:iam::999999999999:role/Nobody', $AuditRole -ProfileName 'kmsps-no-such-profile' `
                -Region us-east-1, eu-west-1 -Check RotationDisabled -ErrorVariable failed -ErrorAction SilentlyContinue)
        $found.KeyId | Should -Be @($LimitedKey.KeyId, $East.KeyId, $West.KeyId)
        @($failed).Count | Should -Be 3
        $failed.FullyQualifiedErrorId -replace ',.*' | Sort-Object | Should -Be @('AccessDenied', 'ProfileNotFound', 'RoleNotAssumed')
        ($failed | Where-Object FullyQualifiedErrorId -Like 'AccessDenied,*').TargetObject | Should -Be "$LimitedAccount eu-west-1"
    }

    It 'a key the auditor may not describe is one error in its place, and the other keys are still judged' {
        $hiddenAccount = New-Account 3
        $role = "arn:aws:iam::${hiddenAccount}:role/Audit"
        $principal = Add-KmsLocalPrincipal -PrincipalArn $role -AccountAdministrator -Force
        $session = Connect-Kms -Local -AccessKey $principal.AccessKeyId -SecretKey $principal.SecretAccessKey -PassThru
        $policy = @{ Version = '2012-10-17'; Statement = @(
                @{ Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::${hiddenAccount}:root" }; Action = 'kms:*'; Resource = '*' }
                @{ Effect = 'Deny'; Principal = @{ AWS = $role }; Action = 'kms:DescribeKey'; Resource = '*' }) } | ConvertTo-Json -Depth 6
        $hidden = New-KmsKey -Session $session -Policy $policy -Description 'compliance hidden'
        $open = New-KmsKey -Session $session -Description 'compliance open'
        Connect-TestKms
        $found = @(Get-KmsComplianceFinding -RoleArn $role -Check RotationDisabled -ErrorVariable failed -ErrorAction SilentlyContinue)
        $found.KeyId | Should -Be @($open.KeyId)
        @($failed).Count | Should -Be 1
        $failed.FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $failed.TargetObject | Should -Be $hidden.KeyArn
    }

    It 'scans every region of the partition with -Region *' {
        $found = @(Get-KmsComplianceFinding -RoleArn $AuditRole -Region * -Check RotationDisabled)
        $found.KeyId | Should -Be @($West.KeyId, $East.KeyId) -Because 'eu-west-1 comes before us-east-1 in region order'
    }

    It 'reports a -KeyId that no scanned region has as KeyNotFound' {
        $found = @(Get-KmsComplianceFinding -RoleArn $AuditRole -KeyId $East.KeyId, 'alias/kmsps-no-such-alias' -Region us-east-1 -Check RotationDisabled -ErrorVariable failed -ErrorAction SilentlyContinue)
        $found.KeyId | Should -Be @($East.KeyId)
        $failed.FullyQualifiedErrorId | Should -BeLike 'KeyNotFound,*'
        $failed.TargetObject | Should -Be 'alias/kmsps-no-such-alias'
    }

    It 'completes the check ids after -Check' {
        $line = 'Get-KmsComplianceFinding -Check RotationDis'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'RotationDisabled'
    }

    It 'refuses an unknown check id before any call' {
        { Get-KmsComplianceFinding -Check NoSuchCheck } | Should -Throw -ErrorId 'CheckNotFound,KmsPowerShell.Commands.Compliance.GetKmsComplianceFindingCommand'
    }

    It '-WhatIf lists each change and changes nothing' {
        $found = Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled
        $said = Get-WhatIfLine { $found | Repair-KmsComplianceFinding -WhatIf }
        $said.Output | Should -BeNullOrEmpty
        $said.Lines | Should -HaveCount 2
        foreach ($key in $East, $West) { $said.Lines -match [regex]::Escape($key.KeyArn) | Should -Match 'Enable automatic rotation' }
        (Get-KmsKeyRotation -Session $Owner -KeyId $East.KeyArn).RotationEnabled | Should -BeFalse
        @(Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled).Count | Should -Be 2
    }

    It 'repairs the findings through the role of their account, and a second scan finds nothing' {
        $found = Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled
        $done = @($found | Repair-KmsComplianceFinding -RotationPeriodInDays 180 -Confirm:$false -PassThru)
        $done.KeyId | Should -Be @($East.KeyId, $West.KeyId)
        foreach ($key in $East, $West) {
            $rotation = Get-KmsKeyRotation -Session $Owner -KeyId $key.KeyArn
            $rotation.RotationEnabled | Should -BeTrue
            $rotation.RotationPeriodInDays | Should -Be 180
        }
        Get-KmsComplianceFinding -RoleArn $AuditRole -Region us-east-1, eu-west-1 -Check RotationDisabled | Should -BeNullOrEmpty
    }

    It 'a finding without a fix is one NoAutomaticFix error, and the next finding is still repaired' {
        $manual = [KmsPowerShell.KmsComplianceFinding]@{ CheckId = 'PolicyAllowsEveryone'; Account = $LimitedAccount; Region = 'us-east-1'; KeyId = $LimitedKey.KeyId; Remediation = 'Set-KmsKeyPolicy ...' }
        $fixable = Get-KmsComplianceFinding -RoleArn $LimitedRole -Region us-east-1 -Check RotationDisabled
        $done = @($manual, $fixable | Repair-KmsComplianceFinding -Confirm:$false -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue)
        $failed.FullyQualifiedErrorId | Should -Be 'NoAutomaticFix,KmsPowerShell.Commands.Compliance.RepairKmsComplianceFindingCommand'
        "$failed" | Should -Match 'a person must fix it'
        $done.KeyId | Should -Be @($LimitedKey.KeyId)
    }

    It 'asks about a key policy change as a high-impact change, and -WhatIf names it' {
        $policy = Get-KmsKeyPolicy -Session $Owner -KeyId $East.KeyArn
        $arguments = [Collections.Generic.Dictionary[string, string]]::new()
        $arguments['Policy'] = [string] $policy
        $fix = [KmsPowerShell.KmsComplianceFix]::new('PutKeyPolicy', $arguments, $true)
        $finding = [KmsPowerShell.KmsComplianceFinding]@{ CheckId = 'PolicyTest'; Account = $Account; Region = 'us-east-1'; KeyId = $East.KeyId; KeyArn = $East.KeyArn; RoleArn = $AuditRole; Fix = $fix }
        (Get-WhatIfLine { $finding | Repair-KmsComplianceFinding -WhatIf }).Lines | Should -Match 'Replace the key policy'
        $done = $finding | Repair-KmsComplianceFinding -Force -PassThru
        $done.KeyId | Should -Be $East.KeyId
    }
}

Describe 'Get-KmsComplianceFinding across accounts on moto' -Skip:($env:KMSPS_TEST_BACKEND -ne 'moto') {
    BeforeAll {
        $script:Roles = @(1, 2 | ForEach-Object { "arn:aws:iam::$(New-Account $_):role/Audit" })
        $script:Keys = New-MotoAccountKey -RoleArn $Roles -Region us-east-1, us-west-2 -Description 'compliance moto'
        Connect-TestKms
    }

    It 'finds the keys of every account and region, each under its own account' {
        $found = @(Get-KmsComplianceFinding -RoleArn $Roles -Region us-east-1, us-west-2 -Check RotationDisabled)
        $found.KeyId | Should -Be @($Keys.KeyId)
        $found.Account | Should -Be @($Keys.AccountId)
        $found.RoleArn | Should -Be @($Roles[0], $Roles[0], $Roles[1], $Roles[1])
    }

    It 'repairs them through each role, and a second scan finds nothing' {
        Get-KmsComplianceFinding -RoleArn $Roles -Region us-east-1, us-west-2 -Check RotationDisabled | Repair-KmsComplianceFinding -Confirm:$false
        Get-KmsComplianceFinding -RoleArn $Roles -Region us-east-1, us-west-2 -Check RotationDisabled | Should -BeNullOrEmpty
    }
}

Describe 'Get-KmsComplianceFinding against Start-KmsLocalServer in another process' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        # The server's process seeds an account reached through a role, then serves; this one scans as a user would,
        # asking the server's STS which account it is and for the role's credentials.
        $script:Account = New-Account 3
        $script:Role = "arn:aws:iam::${Account}:role/Audit"
        $serve = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Connect-Kms -Local -Region us-east-1
`$own = New-KmsKey -Description 'compliance served own'
`$audit = Add-KmsLocalPrincipal -PrincipalArn '$Role' -AccountAdministrator
`$owner = Connect-Kms -Local -Region us-east-1 -AccessKey `$audit.AccessKeyId -SecretKey `$audit.SecretAccessKey -PassThru
`$key = New-KmsKey -Session `$owner -Description 'compliance served'
Connect-Kms -Local -Region us-east-1
`$server = Start-KmsLocalServer
[Console]::Out.WriteLine((@{ Endpoint = `$server.Endpoint.TrimEnd('/'); AccessKeyId = `$server.AccessKeyId; SecretAccessKey = `$server.SecretAccessKey; KeyId = `$key.KeyId; OwnKeyId = `$own.KeyId } | ConvertTo-Json -Compress))
try { `$null = [Console]::In.ReadLine() } finally { Stop-KmsLocalServer -Port `$server.Port }
"@
        $script:ServeFile = Join-Path $TestDrive 'serve.ps1'
        Set-Content -Path $ServeFile -Value $serve
        $start = [Diagnostics.ProcessStartInfo]::new((Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')))
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $ServeFile) { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardInput = $true; $start.RedirectStandardOutput = $true; $start.UseShellExecute = $false
        $script:Child = [Diagnostics.Process]::Start($start)
        while ($null -ne ($line = $Child.StandardOutput.ReadLine()) -and -not $line.StartsWith('{')) { }
        if ($null -eq $line) { throw "The server's process ended early with exit code $($Child.ExitCode)." }
        $script:Served = $line | ConvertFrom-Json
        $script:Remote = Connect-Kms -EndpointUrl $Served.Endpoint -AccessKey $Served.AccessKeyId -SecretKey $Served.SecretAccessKey -Region us-east-1 `
            -MaxAttempts 1 -WarningAction SilentlyContinue -PassThru
    }

    AfterAll {
        if ($Child) {
            $Child.StandardInput.Close()
            if (-not $Child.WaitForExit(30000)) { $Child.Kill() }
            $Child.Dispose()
        }
        Connect-TestKms
    }

    It 'finds the role account''s key through the served STS, under that account' {
        $found = @(Get-KmsComplianceFinding -Session $Remote -RoleArn $Role -Region us-east-1 -Check RotationDisabled)
        $found.KeyId | Should -Be $Served.KeyId
        $found.Account | Should -Be $Account
        $found.RoleArn | Should -Be $Role
    }

    It 'scans the session''s own account, which the served STS names' {
        $found = @(Get-KmsComplianceFinding -Session $Remote -Region us-east-1 -Check RotationDisabled)
        $found.KeyId | Should -Be $Served.OwnKeyId
        $found.Account | Should -Be '111122223333'
    }
}
