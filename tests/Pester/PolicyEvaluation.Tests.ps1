# The local KMS decides access from key policies, identity policies and grants as AWS does. These tests use the
# in-process local KMS (Connect-Kms -Local), whatever the backend under test.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    function New-TestPrincipal([string] $Name) {
        Add-KmsLocalPrincipal -PrincipalArn "arn:aws:iam::111122223333:role/$Name-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    }
    function Connect-As($Principal) {
        Connect-Kms -Local -AccessKey $Principal.AccessKeyId -SecretKey $Principal.SecretAccessKey -PassThru
    }
    function Get-KeyPolicyText([string[]] $Statements) {
        $root = '{ "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" }'
        "{ `"Version`": `"2012-10-17`", `"Statement`": [ $((@($root) + $Statements) -join ', ') ] }"
    }
}

Describe 'key policies decide access on the local KMS' {
    BeforeEach {
        Connect-Kms -Local
    }

    It 'lets a role decrypt only with the encryption context its key policy names' {
        $role = New-TestPrincipal 'billing'
        $statement = @"
{ "Sid": "Decrypt for billing only", "Effect": "Allow", "Principal": { "AWS": "$($role.PrincipalArn)" }, "Action": "kms:Decrypt", "Resource": "*",
  "Condition": { "StringEquals": { "kms:EncryptionContext:app": "billing" } } }
"@
        $key = New-KmsKey -Description 'pester policy context' -Policy (Get-KeyPolicyText $statement)
        $billing = Protect-KmsData -KeyId $key.Arn -Value 'invoice' -EncryptionContext @{ app = 'billing' }
        $payroll = Protect-KmsData -KeyId $key.Arn -Value 'salary' -EncryptionContext @{ app = 'payroll' }

        $session = Connect-As $role
        try {
            Unprotect-KmsData -Session $session -Ciphertext $billing -EncryptionContext @{ app = 'billing' } -AsPlainText | Should -Be 'invoice'
            Unprotect-KmsData -Session $session -Ciphertext $payroll -EncryptionContext @{ app = 'payroll' } -AsPlainText -ErrorVariable refused -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $refused[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
            $refused[0].Exception.Message | Should -BeLike "*User: $($role.PrincipalArn) is not authorized to perform: kms:Decrypt on resource: $($key.Arn) because no identity-based policy allows the kms:Decrypt action*"
            Protect-KmsData -Session $session -KeyId $key.Arn -Value 'x' -EncryptionContext @{ app = 'billing' } -ErrorVariable encrypt -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $encrypt[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        }
        finally { $session.Dispose() }
    }

    It 'lets an explicit deny in the key policy beat a grant' {
        $role = New-TestPrincipal 'denied'
        $deny = "{ `"Sid`": `"No decrypt for the role`", `"Effect`": `"Deny`", `"Principal`": { `"AWS`": `"$($role.PrincipalArn)`" }, `"Action`": `"kms:Decrypt`", `"Resource`": `"*`" }"
        $key = New-KmsKey -Description 'pester policy deny' -Policy (Get-KeyPolicyText $deny)
        $ciphertext = Protect-KmsData -KeyId $key.Arn -Value 'secret'
        $grant = $key | New-KmsGrant -GranteePrincipal $role.PrincipalArn -Operation Encrypt, Decrypt

        $session = Connect-As $role
        try {
            Protect-KmsData -Session $session -KeyId $key.Arn -Value 'allowed by the grant' -GrantToken $grant.GrantToken | Should -Not -BeNullOrEmpty
            Unprotect-KmsData -Session $session -Ciphertext $ciphertext -GrantToken $grant.GrantToken -AsPlainText -ErrorVariable refused -ErrorAction SilentlyContinue |
                Should -BeNullOrEmpty
            $refused[0].Exception.Message | Should -BeLike '*with an explicit deny in a resource-based policy*'
        }
        finally { $session.Dispose() }
    }

    It 'refuses a key policy that would lock the caller out, unless the check is bypassed' {
        $role = New-TestPrincipal 'other-admin'
        $lockout = "{ `"Version`": `"2012-10-17`", `"Statement`": [ { `"Effect`": `"Allow`", `"Principal`": { `"AWS`": `"$($role.PrincipalArn)`" }, `"Action`": `"kms:*`", `"Resource`": `"*`" } ] }"
        $key = New-KmsKey -Description 'pester lockout'
        { $key | Set-KmsKeyPolicy -Policy $lockout -Force } |
            Should -Throw '*The new key policy will not allow you to update the key policy in the future.*'
        { New-KmsKey -Description 'pester lockout' -Policy $lockout } |
            Should -Throw '*The new key policy will not allow you to update the key policy in the future.*'
        ($key | Get-KmsKeyPolicy -AsObject).Statement[0].Sid | Should -Be 'Enable IAM User Permissions'
    }

    It 'refuses a key policy that names a principal the local KMS does not know' {
        $unknown = '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/nobody-by-this-name" }, "Action": "kms:Decrypt", "Resource": "*" }'
        { New-KmsKey -Description 'pester unknown principal' -Policy (Get-KeyPolicyText $unknown) } |
            Should -Throw '*Policy contains a statement with one or more invalid principals.*'
    }
}
