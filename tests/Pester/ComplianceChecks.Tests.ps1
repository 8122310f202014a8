# Every compliance check end to end on a local KMS of its own: keys seeded with each problem beside clean keys, in two
# accounts (which trust each other, not a third) and two regions; each check finds exactly its keys, Repair fixes what
# has a fix, and throttling or a third region that is down changes none of the findings.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force

    # A finding as a comparable line: which check, on which seeded key (or store) by its test name.
    function ConvertTo-Pair([Parameter(ValueFromPipeline)] $Finding) {
        process { '{0} {1}' -f $Finding.CheckId, ($Names[$Finding.KeyId ?? $Finding.CustomKeyStoreId] ?? "unseeded:$($Finding.KeyId)$($Finding.CustomKeyStoreId)") }
    }

    function Get-Finding([hashtable] $Extra = @{}) {
        $arguments = @{ RoleArn = $Roles; Region = $Regions; TrustedAccount = $Trusted; RequiredTag = 'Owner'; MaxGrantAgeDays = 90; ErrorAction = 'Stop' }
        foreach ($entry in $Extra.GetEnumerator()) { $arguments[$entry.Key] = $entry.Value }
        Get-KmsComplianceFinding @arguments
    }

    function Add-Seed([string] $Name, [string] $Id) { $script:Names[$Id] = $Name; $Id }

    # A key with nothing wrong (described, aliased, tagged, rotating yearly, under the default policy), but for what
    # -Extra changes: a $null value leaves that parameter out.
    function New-CleanKey([string] $Name, $Session, [string] $Region = 'us-east-1', [hashtable] $Extra = @{}, [switch] $NoRotation) {
        $arguments = @{ Session = $Session; Region = $Region; Description = "compliance $Name"; Tag = @{ Owner = 'pester' }; Alias = "alias/$Name" }
        foreach ($entry in $Extra.GetEnumerator()) {
            if ($null -eq $entry.Value) { $arguments.Remove($entry.Key) } else { $arguments[$entry.Key] = $entry.Value }
        }
        $key = New-KmsKey @arguments
        if ($key.Origin -eq 'AWS_KMS' -and -not $NoRotation) { Enable-KmsKeyRotation -Session $Session -Region $Region -KeyId $key.KeyId -Confirm:$false }
        $null = Add-Seed $Name $key.KeyId
        $key
    }

    function New-PolicyText([string] $Account, [hashtable[]] $Statement) {
        $root = @{ Sid = 'Root'; Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::${Account}:root" }; Action = 'kms:*'; Resource = '*' }
        @{ Version = '2012-10-17'; Statement = @($root) + $Statement } | ConvertTo-Json -Depth 8
    }
}

# It never reaches the backend under test, so it runs once, with the first backend (Invoke-PesterSuite.ps1's $backendFree).
Describe 'every compliance check end to end on the local KMS' {
    BeforeAll {
        # A local KMS of this file's own (its state file names it), so no other file's keys or clock are in these scans.
        $script:State = Join-Path $TestDrive 'compliance-kms.json'
        Connect-Kms -Local -LocalStatePath $State -Region us-east-1 -MaxAttempts 10
        $script:Names = @{}
        $script:A = '411111111111'; $script:B = '422222222222'; $script:Untrusted = '433333333333'
        $script:Trusted = $A, $B
        $script:Regions = 'us-east-1', 'eu-west-1'
        $script:Roles = "arn:aws:iam::${A}:role/Audit", "arn:aws:iam::${B}:role/Audit"
        $sessions = foreach ($role in $Roles) {
            $principal = Add-KmsLocalPrincipal -PrincipalArn $role -AccountAdministrator -Force
            Connect-Kms -Local -LocalStatePath $State -Region us-east-1 -AccessKey $principal.AccessKeyId -SecretKey $principal.SecretAccessKey -PassThru -MaxAttempts 10
        }
        $script:OwnerA, $script:OwnerB = $sessions
        $script:AppRole = "arn:aws:iam::${A}:role/App"
        $script:ForeignRole = "arn:aws:iam::${Untrusted}:role/Reader"
        $null = Add-KmsLocalPrincipal -PrincipalArn $AppRole -Force
        $null = Add-KmsLocalPrincipal -PrincipalArn $ForeignRole -Force

        # Made 120 days before the scan: a key nobody uses (-UnusedDays 90), and a grant older than -MaxGrantAgeDays 90.
        $unused = New-CleanKey 'unused' $OwnerA
        $script:StaleKey = New-CleanKey 'stale-grant' $OwnerA
        $null = New-KmsGrant -Session $OwnerA -KeyId $StaleKey.KeyId -GranteePrincipal $AppRole -Operation Encrypt -Name stale
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 120)
        $null = Protect-KmsData -Session $OwnerA -KeyId $StaleKey.KeyId -Value 'used since'

        $null = New-CleanKey 'clean-a-east' $OwnerA
        $null = New-CleanKey 'clean-a-west' $OwnerA -Region eu-west-1
        $null = New-CleanKey 'clean-b-east' $OwnerB
        $null = New-CleanKey 'trusted-policy' $OwnerB -Extra @{ Policy = New-PolicyText $B @{ Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::${A}:root" }; Action = 'kms:Decrypt'; Resource = '*' } }
        $constrained = New-CleanKey 'constrained-grant' $OwnerA
        $null = New-KmsGrant -Session $OwnerA -KeyId $constrained.KeyId -GranteePrincipal $AppRole -Operation Decrypt -EncryptionContextSubset @{ app = 'pester' }

        $null = New-CleanKey 'rotation-off' $OwnerB -Region eu-west-1 -NoRotation
        $long = New-CleanKey 'rotation-long' $OwnerA
        Enable-KmsKeyRotation -Session $OwnerA -KeyId $long.KeyId -RotationPeriodInDays 400 -Confirm:$false
        $pending = New-CleanKey 'pending-deletion' $OwnerA -Region eu-west-1
        Remove-KmsKey -Session $OwnerA -Region eu-west-1 -KeyId $pending.KeyId -PendingWindowInDays 7 -Force -WarningAction SilentlyContinue
        $disabled = New-CleanKey 'disabled' $OwnerB
        Disable-KmsKey -Session $OwnerB -KeyId $disabled.KeyId -Confirm:$false
        $null = New-CleanKey 'no-description' $OwnerA -Extra @{ Description = $null }
        $null = New-CleanKey 'no-alias' $OwnerB -Extra @{ Alias = $null }
        $null = New-CleanKey 'no-tag' $OwnerA -Region eu-west-1 -Extra @{ Tag = $null }

        $null = New-CleanKey 'public' $OwnerA -Extra @{ Policy = New-PolicyText $A @{ Effect = 'Allow'; Principal = @{ AWS = '*' }; Action = 'kms:DescribeKey'; Resource = '*' } }
        $null = New-CleanKey 'full-access' $OwnerA -Extra @{ Policy = New-PolicyText $A @{ Effect = 'Allow'; Principal = @{ AWS = $AppRole }; Action = 'kms:*'; Resource = '*' } }
        $null = New-CleanKey 'untrusted-policy' $OwnerB -Extra @{ Policy = New-PolicyText $B @{ Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::${Untrusted}:root" }; Action = 'kms:Decrypt'; Resource = '*' } }
        $null = New-CleanKey 'account-decrypt' $OwnerA -Region eu-west-1 -Extra @{
            Policy = New-PolicyText $A @{ Effect = 'Allow'; Principal = @{ AWS = '*' }; Action = 'kms:Decrypt'; Resource = '*'; Condition = @{ StringEquals = @{ 'kms:CallerAccount' = $A } } }
        }

        $foreignGrant = New-CleanKey 'untrusted-grant' $OwnerA
        $null = New-KmsGrant -Session $OwnerA -KeyId $foreignGrant.KeyId -GranteePrincipal $ForeignRole -Operation Encrypt
        $openGrant = New-CleanKey 'unconstrained-grant' $OwnerB
        $null = New-KmsGrant -Session $OwnerB -KeyId $openGrant.KeyId -GranteePrincipal "arn:aws:iam::${B}:role/Audit" -Operation Decrypt

        foreach ($case in @{ Name = 'expiring'; Days = 10 }, @{ Name = 'imported'; Days = 200 }) {
            $key = New-CleanKey $case.Name $OwnerA -Extra @{ Origin = 'EXTERNAL' }
            $validTo = (Set-KmsLocalClock -Advance 0 -PassThru).Now.AddDays($case.Days).LocalDateTime
            $material = [Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
            Import-KmsKeyMaterial -Session $OwnerA -KeyId $key.KeyId -KeyMaterial $material -ValidTo $validTo -WrappingKeySpec RSA_2048
        }

        $primary = New-CleanKey 'multi-region' $OwnerA -Extra @{ MultiRegion = $true }
        $replica = New-KmsReplicaKey -Session $OwnerA -KeyId $primary.KeyId -ReplicaRegion eu-west-1 -Description 'compliance replica' -Tag @{ Owner = 'pester' } `
            -Policy (New-PolicyText $A @{ Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::${B}:root" }; Action = 'kms:DescribeKey'; Resource = '*' })
        $null = New-KmsAlias -Session $OwnerA -Region eu-west-1 -Name alias/replica -TargetKeyId $replica.KeyId

        $certificate = Join-Path $TestDrive 'customerCA.crt'
        Set-Content -Path $certificate -Value "-----BEGIN CERTIFICATE-----`nMIIB`n-----END CERTIFICATE-----"
        $password = ConvertTo-SecureString 'kmsuser-password-1' -AsPlainText -Force
        foreach ($name in 'store-disconnected', 'store-connected') {
            $store = New-KmsCustomKeyStore -Session $OwnerB -Name $name -CloudHsmClusterId "cluster-compliance$($name.Substring(6, 2))" -TrustAnchorCertificate $certificate -KeyStorePassword $password
            $null = Add-Seed $name $store.CustomKeyStoreId
        }
        $null = Connect-KmsCustomKeyStore -Session $OwnerB -Name store-connected

        # What each check must find: (check, seeded key) and nothing else.
        $script:Expected = @(
            'PendingDeletion pending-deletion', 'PolicyPublic public', 'PolicyUntrustedAccount untrusted-policy', 'PolicyFullAccess full-access'
            'PolicyAccountWideDecrypt account-decrypt', 'GrantUntrustedAccount untrusted-grant', 'GrantUnconstrainedDecrypt unconstrained-grant'
            'GrantStale stale-grant', 'ImportedMaterialExpiring expiring', 'KeyStoreNotConnected store-disconnected', 'RotationDisabled rotation-off'
            'RotationPeriodTooLong rotation-long', 'ReplicaDrift multi-region', 'KeyDisabled disabled', 'KeyUnused unused'
            'DescriptionMissing no-description', 'AliasMissing no-alias', 'RequiredTagMissing no-tag'
        ) | Sort-Object
        # The findings whose fix Repair-KmsComplianceFinding applies; the others are a person's to fix.
        $script:Fixable = @(
            'GrantStale stale-grant', 'GrantUntrustedAccount untrusted-grant', 'KeyStoreNotConnected store-disconnected', 'PendingDeletion pending-deletion'
            'ReplicaDrift multi-region', 'RotationDisabled rotation-off', 'RotationPeriodTooLong rotation-long', 'RequiredTagMissing no-tag'
        ) | Sort-Object
    }

    AfterAll {
        # Every session of the state file closed, so the file is released (and TestDrive can remove it).
        $OwnerA, $OwnerB | Disconnect-Kms
        Disconnect-Kms
        Connect-TestKms
    }

    It 'finds exactly its seeded keys with each check, and nothing on the clean keys' {
        $found = @(Get-Finding)
        ($found | ConvertTo-Pair | Sort-Object) -join "`n" | Should -Be ($Expected -join "`n")
        $found.Account | Sort-Object -Unique | Should -Be @($A, $B)
        $found.Region | Sort-Object -Unique | Should -Be @('eu-west-1', 'us-east-1')
    }

    It 'seeds every check but PolicyNotEvaluated, whose policies the local KMS refuses as its evaluator does' {
        # KMS accepts some policies the evaluator cannot read; the local KMS validates with that evaluator, so it cannot
        # hold one (tests/KmsPowerShell.Tests/Compliance/PolicyChecksTests.cs covers the check).
        $seeded = $Expected | ForEach-Object { ($_ -split ' ')[0] }
        $line = 'Get-KmsComplianceFinding -Check '
        $every = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $every.Count | Should -BeGreaterThan 18
        $every | Where-Object { $_ -notin $seeded } | Should -Be 'PolicyNotEvaluated'
    }

    It 'reports every finding through the local KMS server while it throttles 20% of the calls' {
        $server = Start-KmsLocalServer -LocalStatePath $State
        try {
            # The roles' sessions retry as this one does. Ten attempts: a call throttled ten times in a row (0.2^10) is one
            # in ten million, some 300 calls here.
            Connect-Kms -EndpointUrl $server.Endpoint -AccessKey $server.AccessKeyId -SecretKey $server.SecretAccessKey -Region us-east-1 -MaxAttempts 10
            Set-KmsLocalFault -ThrottleRate 0.2 -Seed 19
            # Every read at once: the SDK backs off for a second or more after a throttle, and the waits overlap.
            $found = @(Get-Finding @{ Region = $Regions; ThrottleLimit = 32 })
        }
        finally {
            Set-KmsLocalFault
            Stop-KmsLocalServer -Port $server.Port
            Connect-Kms -Local -LocalStatePath $State -Region us-east-1 -MaxAttempts 10
        }
        ($found | ConvertTo-Pair | Sort-Object) -join "`n" | Should -Be ($Expected -join "`n")
    }

    It 'reports every finding through the local KMS server with one region down, and one error per account for that region' {
        $server = Start-KmsLocalServer -LocalStatePath $State
        try {
            # Two attempts: the SDK retries a dropped connection with a backoff that doubles with each attempt.
            Connect-Kms -EndpointUrl $server.Endpoint -AccessKey $server.AccessKeyId -SecretKey $server.SecretAccessKey -Region us-east-1 -MaxAttempts 2
            Set-KmsLocalFault -UnreachableRegion ap-southeast-2
            $written = @(Get-Finding @{ Region = $Regions + 'ap-southeast-2'; ErrorAction = 'Continue' } 2>&1)
        }
        finally {
            Set-KmsLocalFault
            Stop-KmsLocalServer -Port $server.Port
            Connect-Kms -Local -LocalStatePath $State -Region us-east-1 -MaxAttempts 10
        }
        $failed = @($written | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        ($written | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | ConvertTo-Pair | Sort-Object) -join "`n" | Should -Be ($Expected -join "`n")
        $failed.FullyQualifiedErrorId -replace ',.*' | Sort-Object -Unique | Should -Be 'EndpointUnreachable'
        $failed.TargetObject | Sort-Object | Should -Be @("$A ap-southeast-2", "$B ap-southeast-2")
    }

    It 'completes the region names of -UnreachableRegion, the fault that takes a region down' {
        $line = 'Set-KmsLocalFault -UnreachableRegion ap-southeast-'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'ap-southeast-2'
    }

    It '-WhatIf lists each change a fix would make, and changes nothing' {
        $withFix = @(Get-Finding | Where-Object Fix)
        ($withFix | ConvertTo-Pair | Sort-Object) -join ', ' | Should -Be ($Fixable -join ', ')
        $said = Get-WhatIfLine { $withFix | Repair-KmsComplianceFinding -Tag @{ Owner = 'pester' } -WhatIf }
        $said.Output | Should -BeNullOrEmpty
        $said.Lines | Should -HaveCount $withFix.Count
        (Get-Finding | ConvertTo-Pair | Sort-Object) -join "`n" | Should -Be ($Expected -join "`n")
    }

    It 'asks for the value of a missing tag instead of inventing one: without -Tag, one TagValueMissing error and no tag' {
        $finding = @(Get-Finding @{ Check = 'RequiredTagMissing' })
        $finding | ConvertTo-Pair | Should -Be 'RequiredTagMissing no-tag'
        $finding.Remediation | Should -BeLike "Add-KmsTag -KeyId '*' -Tag @{ 'Owner' = '...' }"
        (Get-WhatIfLine { $finding | Repair-KmsComplianceFinding -Tag @{ Owner = 'team a' } -WhatIf }).Lines | Should -BeLike '*Tag Owner=team a*'
        $finding | Repair-KmsComplianceFinding -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -BeLike 'TagValueMissing,*'
        $failed.Exception.Message | Should -BeLike "*-Tag @{ 'Owner' = '...' }*"
        $finding | Repair-KmsComplianceFinding -Tag @{ CostCenter = '42' } -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -BeLike 'TagValueMissing,*'
        Get-Finding @{ Check = 'RequiredTagMissing' } | ConvertTo-Pair | Should -Be 'RequiredTagMissing no-tag'
    }

    It 'repairs every finding that has a fix, and a second scan finds none of them' {
        $done = @(Get-Finding | Where-Object Fix | Repair-KmsComplianceFinding -Tag @{ Owner = 'pester' } -Force -Confirm:$false -PassThru)
        ($done | ConvertTo-Pair | Sort-Object) -join ', ' | Should -Be ($Fixable -join ', ')
        # A cancelled deletion leaves the key disabled, as in AWS: that is the one finding the repairs add.
        $left = @($Expected | Where-Object { $_ -notin $Fixable }) + 'KeyDisabled pending-deletion' | Sort-Object
        (Get-Finding | ConvertTo-Pair | Sort-Object) -join "`n" | Should -Be ($left -join "`n")
    }
}
