BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:PolicyTemplate = @'
{
  "Version": "2012-10-17",
  "Id": "pester-policy",
  "Statement": [
    { "Sid": "Root", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "kms:*", "Resource": "*" }
  ]
}
'@
}

Describe 'key policies' {
    BeforeEach {
        $script:Key = New-KmsKey -Description 'pester policy'
        # The account's own root, so that the caller keeps the right to change the policy (the lockout safety check).
        $script:Policy = $PolicyTemplate -replace '123456789012', $Key.Arn.Split(':')[4]
    }

    It 'gets the policy as JSON text, and as an object with -AsObject' {
        $text = $Key | Get-KmsKeyPolicy
        $text | Should -BeOfType ([string])
        { $text | ConvertFrom-Json } | Should -Not -Throw
        ($Key | Get-KmsKeyPolicy -AsObject).Statement | Should -Not -BeNullOrEmpty
    }

    It 'replaces the policy from text and from a file' {
        $Key | Set-KmsKeyPolicy -Policy $Policy -Force
        ($Key | Get-KmsKeyPolicy -AsObject).Id | Should -Be 'pester-policy'
        $file = Join-Path $TestDrive 'policy.json'
        Set-Content $file ($Policy -replace 'pester-policy', 'from-file')
        ($Key | Set-KmsKeyPolicy -Path $file -Force -PassThru | ConvertFrom-Json).Id | Should -Be 'from-file'
    }

    It 'refuses malformed JSON with its line before any call' {
        $failure = { $Key | Set-KmsKeyPolicy -Policy "{`n  `"Statement`": [`n  }" -Force } |
            Should -Throw -ErrorId 'PolicyInvalid,KmsPowerShell.Commands.Policies.SetKmsKeyPolicyCommand' -PassThru
        $failure.Exception.Message | Should -Match 'line 3'
    }

    It 'refuses a missing policy file' {
        { $Key | Set-KmsKeyPolicy -Path (Join-Path $TestDrive 'none.json') -Force } |
            Should -Throw -ErrorId 'PolicyFileNotFound,KmsPowerShell.Commands.Policies.SetKmsKeyPolicyCommand'
    }

    It 'changes nothing with -WhatIf' {
        $before = $Key | Get-KmsKeyPolicy
        $Key | Set-KmsKeyPolicy -Policy $Policy -WhatIf
        $Key | Get-KmsKeyPolicy | Should -Be $before
    }
}
