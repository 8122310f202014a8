# Test-KmsKeyPolicy (offline policy documents, and keys read through the session) and Set-KmsKeyPolicy -WhatIf's changes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:KeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
    $script:App = 'arn:aws:iam::111122223333:role/app'
    $script:Policy = @'
{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" },
    { "Sid": "AppUse", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/app" },
      "Action": [ "kms:Decrypt", "kms:Encrypt" ], "Resource": "*",
      "Condition": { "StringEquals": { "kms:EncryptionContext:app": "billing" } } },
    { "Sid": "NoDeletion", "Effect": "Deny", "Principal": { "AWS": "*" }, "Action": "kms:ScheduleKeyDeletion", "Resource": "*" },
    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:user/ops" }, "Action": "kms:Describe*", "Resource": "*" }
  ]
}
'@
    function Test-Offline {
        param([string] $Principal, [string[]] $Action, [hashtable] $EncryptionContext, [string[]] $IdentityPolicy)
        $more = @{}
        if ($EncryptionContext) { $more.EncryptionContext = $EncryptionContext }
        if ($IdentityPolicy) { $more.IdentityPolicy = $IdentityPolicy }
        Test-KmsKeyPolicy -Policy $Policy -KeyArn $KeyArn -PrincipalArn $Principal -Action $Action @more
    }
}

Describe 'Test-KmsKeyPolicy offline' {
    It 'allows what a statement allows, naming the statement by its Sid' {
        $decision = Test-Offline $App Decrypt @{ app = 'billing' }
        $decision | Should -BeOfType ([KmsPowerShell.KmsPolicyDecision])
        $decision.Decision | Should -Be 'Allowed'
        $decision.Action | Should -Be 'kms:Decrypt'
        $decision.Resource | Should -Be $KeyArn
        $decision.DecidingStatements | Should -Be @('AppUse')
        $decision.DenialMessage | Should -BeNullOrEmpty
    }

    It 'reports an explicit Deny, whatever allows the action, with the message KMS answers' {
        $decision = Test-Offline 'arn:aws:iam::111122223333:root' ScheduleKeyDeletion
        $decision.Decision | Should -Be 'ExplicitDeny'
        $decision.DecidingStatements | Should -Be @('NoDeletion')
        $decision.DenialMessage | Should -BeLike '*kms:ScheduleKeyDeletion on resource: * with an explicit deny in a resource-based policy'
    }

    It 'reports an implicit deny, and names an unnamed statement by its index' {
        $other = Test-Offline 'arn:aws:iam::444455556666:user/stranger' Decrypt
        $other.Decision | Should -Be 'ImplicitDeny'
        $other.DenialMessage | Should -BeLike '*because no resource-based policy allows the kms:Decrypt action'
        (Test-Offline 'arn:aws:iam::111122223333:user/ops' DescribeKey).DecidingStatements | Should -Be @('#3')
    }

    It 'meets an encryption context condition only with the pair it names' {
        (Test-Offline $App Decrypt @{ app = 'billing' }).Decision | Should -Be 'Allowed'
        (Test-Offline $App Decrypt @{ app = 'payroll' }).Decision | Should -Be 'ImplicitDeny'
        (Test-Offline $App Decrypt).Decision | Should -Be 'ImplicitDeny'
    }

    It 'matches an assumed-role session against the role the statement names' {
        $session = 'arn:aws:sts::111122223333:assumed-role/app/build-42'
        (Test-Offline $session Decrypt @{ app = 'billing' }).Decision | Should -Be 'Allowed'
    }

    It 'lets an identity policy decide where the key policy delegates to the account' {
        $iam = '{"Version":"2012-10-17","Statement":[{"Sid":"UseKeys","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}'
        $ops = 'arn:aws:iam::111122223333:user/ops'
        (Test-Offline $ops Decrypt).Decision | Should -Be 'ImplicitDeny'
        $decision = Test-Offline $ops Decrypt -IdentityPolicy $iam
        $decision.Decision | Should -Be 'Allowed'
        $decision.DecidingStatements | Should -Contain 'Identity[0]:UseKeys'
    }

    It 'decides each principal and action, every key action when -Action is omitted' {
        $all = Test-KmsKeyPolicy -Policy $Policy -KeyArn $KeyArn -PrincipalArn $App, 'arn:aws:iam::111122223333:root'
        $all.Count | Should -Be (2 * [KmsPowerShell.Vocabulary.KmsActions]::OnKeys.Count)
        [KmsPowerShell.Vocabulary.KmsActions]::OnKeys | Should -Contain 'kms:Decapsulate'
        ($all | Where-Object PrincipalArn -eq $App).Action | Should -Contain 'kms:PutKeyPolicy'
        (Test-Offline $App 'kms:decrypt', 'Encrypt' @{ app = 'billing' }).Action | Should -Be @('kms:Decrypt', 'kms:Encrypt')
    }

    It 'checks a policy file before it is applied' {
        $file = Join-Path $TestDrive 'policy.json'
        Set-Content $file $Policy
        (Test-KmsKeyPolicy -PolicyPath $file -KeyArn $KeyArn -PrincipalArn $App -Action Encrypt -EncryptionContext @{ app = 'billing' }).IsAllowed | Should -BeTrue
        { Test-KmsKeyPolicy -PolicyPath (Join-Path $TestDrive 'none.json') -KeyArn $KeyArn -PrincipalArn $App } |
            Should -Throw -ErrorId 'PolicyFileNotFound,KmsPowerShell.Commands.Policies.TestKmsKeyPolicyCommand'
    }

    It 'needs no session' {
        $policy = $Policy -replace "'", "''"
        $run = Invoke-FreshPwsh @"
`$env:KMSPS_NO_AUTOCONNECT = '1'
Import-Module '$ModulePath'
`$decision = Test-KmsKeyPolicy -Policy '$policy' -KeyArn '$KeyArn' -PrincipalArn '$App' -Action Decrypt -EncryptionContext @{ app = 'billing' }
"decision: `$(`$decision.Decision); session: `$(`$null -ne (Get-KmsSession))"
"@
        $run.Output | Should -Match 'decision: Allowed; session: False'
    }

    It 'refuses a malformed policy with the message KMS gives, and an unknown action' {
        $failure = { Test-KmsKeyPolicy -Policy '{"Statement": [' -KeyArn $KeyArn -PrincipalArn $App } |
            Should -Throw -ErrorId 'PolicyInvalid,KmsPowerShell.Commands.Policies.TestKmsKeyPolicyCommand' -PassThru
        $failure.Exception.Message | Should -Be 'Policy contains invalid JSON.'
        { Test-Offline $App Decrypto } | Should -Throw -ErrorId 'ActionInvalid,KmsPowerShell.Commands.Policies.TestKmsKeyPolicyCommand'
    }

    It 'completes KMS actions and the principals the policy names' {
        $line = "Test-KmsKeyPolicy -Policy '$($Policy -replace "'", "''" -replace "`r?`n", ' ')' -KeyArn $KeyArn -Action Decr"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('kms:Decrypt')
        $line = "Test-KmsKeyPolicy -Policy '$($Policy -replace "`r?`n", ' ')' -KeyArn $KeyArn -PrincipalArn arn:aws:iam::111122223333:r"
        # The principals the policy names, beside those of the session's local KMS (other test files add some).
        $completed = (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText
        $completed | Should -Contain 'arn:aws:iam::111122223333:role/app'
        $completed | Should -Contain 'arn:aws:iam::111122223333:root'
        $completed | Should -Not -Contain 'arn:aws:iam::111122223333:user/ops' -Because 'it does not match what was typed'
    }

    It 'completes the principals of the local KMS' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $line = 'Test-KmsKeyPolicy -Policy {} -KeyArn x -PrincipalArn arn:aws:iam::111122223333:u'
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('arn:aws:iam::111122223333:user/local-admin')
    }
}

Describe 'Test-KmsKeyPolicy formatting' {
    It 'shows action, decision, statement and reason at <_> columns' -ForEach 80, 120 {
        $lines = (Test-Offline $App Decrypt, ScheduleKeyDeletion @{ app = 'billing' } | Out-String -Width $_) -split "`r?`n"
        $lines | Where-Object Length -gt $_ | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^kms:Decrypt\s+Allowed\s+AppUse\s+The key policy' } | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^kms:ScheduleKeyDeletion\s+ExplicitDeny\s+NoDeletion' } | Should -Not -BeNullOrEmpty
        ($lines -join ' ') | Should -Match 'Principal: arn:aws:iam::111122223333:role/app'
    }
}

Describe 'Test-KmsKeyPolicy on a key' {
    BeforeAll {
        $script:Key = New-KmsKey -Description 'pester test policy'
        $script:Root = "arn:aws:iam::$($Key.AccountId):root"
    }

    It 'reads the key policy through the session, for keys from the pipeline' {
        $decision = Get-KmsKey $Key.KeyId | Test-KmsKeyPolicy -PrincipalArn $Root -Action Decrypt
        $decision.Decision | Should -Be 'Allowed'
        $decision.Resource | Should -Be $Key.Arn
    }

    It 'judges a principal of the local KMS by its identity policies' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $admin = Test-KmsKeyPolicy -KeyId $Key -PrincipalArn 'arn:aws:iam::111122223333:user/local-admin' -Action Decrypt
        $admin.Decision | Should -Be 'Allowed'
        $admin.DecidingStatements | Should -Contain 'Identity[0]:#0'
    }

    It 'judges a principal added to the local KMS by the policies and tags it was given' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $abac = '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "kms:Encrypt", "Resource": "*", "Condition": { "StringEquals": { "aws:PrincipalTag/team": "blue" } } } ] }'
        $arn = "arn:aws:iam::111122223333:role/pester-abac-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $null = Add-KmsLocalPrincipal -PrincipalArn $arn -PolicyDocument $abac -Tag @{ team = 'blue' }
        $decisions = Test-KmsKeyPolicy -KeyId $Key -PrincipalArn $arn -Action Encrypt, Decrypt
        $decisions.Decision | Should -Be @('Allowed', 'ImplicitDeny')
        (Test-KmsKeyPolicy -KeyId $Key -PrincipalArn $arn -Action Encrypt -PrincipalTag @{ team = 'red' }).Decision | Should -Be 'ImplicitDeny'
    }

    It 'counts the key grants' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $grant = New-KmsGrant -KeyId $Key -GranteePrincipal $App -Operation Decrypt
        $decision = Test-KmsKeyPolicy -KeyId $Key -PrincipalArn $App -Action Decrypt, Encrypt
        $decision[0].Decision | Should -Be 'Allowed'
        $decision[0].DecidingStatements | Should -Be @("Grant:$($grant.GrantId)")
        $decision[1].Decision | Should -Be 'ImplicitDeny'
    }

    It 'reports a key it cannot read and goes on with the next' {
        $decisions = Test-KmsKeyPolicy -KeyId 'alias/pester-none', $Key -PrincipalArn $Root -Action Decrypt -ErrorVariable failed -ErrorAction SilentlyContinue
        $decisions.Resource | Should -Be $Key.Arn
        $failed.FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Policies.TestKmsKeyPolicyCommand'
    }
}

Describe 'Set-KmsKeyPolicy -WhatIf' {
    BeforeAll {
        # The local KMS, as AWS, refuses a key policy naming principals it does not know.
        if ($env:KMSPS_TEST_BACKEND -eq 'local') {
            'role/app', 'user/ops' | ForEach-Object { $null = Add-KmsLocalPrincipal -PrincipalArn "arn:aws:iam::111122223333:$_" -Force }
        }
    }

    It 'says who gains and who loses which actions, and changes nothing' {
        $key = New-KmsKey -Description 'pester whatif policy'
        $account = $key.AccountId
        $old = $Policy -replace '111122223333', $account
        $key | Set-KmsKeyPolicy -Policy $old -Force -BypassPolicyLockoutSafetyCheck
        $new = @"
{ "Version": "2012-10-17", "Statement": [
  { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${account}:root" }, "Action": "kms:*", "Resource": "*" },
  { "Sid": "App", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${account}:role/app" }, "Action": "kms:GenerateDataKey", "Resource": "*" }
] }
"@
        $key | Set-KmsKeyPolicy -Policy $new -WhatIf -InformationVariable said 6>$null
        $lines = @($said | Where-Object Tags -Contains 'KmsPolicyChange' | ForEach-Object { "$($_.MessageData)" })
        $lines | Should -Contain "What if: arn:aws:iam::${account}:role/app gains kms:GenerateDataKey (key policy alone)"
        $lines | Should -Contain "What if: arn:aws:iam::${account}:root gains kms:ScheduleKeyDeletion (key policy alone)"
        $lines | Should -Contain "What if: arn:aws:iam::${account}:user/ops loses kms:DescribeKey (key policy alone)"
        if ($env:KMSPS_TEST_BACKEND -eq 'local') {
            $lines | Should -Contain 'What if: arn:aws:iam::111122223333:user/local-admin gains kms:ScheduleKeyDeletion (the caller, with its identity policies)'
        }
        ($key | Get-KmsKeyPolicy) | Should -Match 'NoDeletion'
    }
}

Describe 'Set-KmsKeyPolicy -WhatIf for a caller who may not read the policy' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
    It 'warns that it cannot say who gains or loses access, and reports no error' {
        $key = New-KmsKey -Description 'pester whatif reader'
        $viewer = Add-KmsLocalPrincipal -PrincipalArn "arn:aws:iam::111122223333:role/pester-viewer-$(Get-Random -Maximum 99999)"
        $other = Connect-Kms -Local -AccessKey $viewer.AccessKeyId -SecretKey $viewer.SecretAccessKey -PassThru
        try {
            # A piped KmsKey is not read again: the viewer, which no policy or grant lets do anything, only asks for the policy.
            $key | Set-KmsKeyPolicy -Session $other -Policy $Policy -WhatIf -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue 6>$null
            $failed | Should -BeNullOrEmpty
            "$warned" | Should -Match 'may not read the key policy'
        }
        finally {
            $other.Dispose()
            Connect-TestKms
        }
    }
}
