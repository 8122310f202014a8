<#
.SYNOPSIS
    A short tour of KmsPowerShell on the local KMS: no AWS account, no network.
.DESCRIPTION
    Run it with `dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo`, or with the module imported:
    ./docs/examples/Demo.ps1. Every step prints the command it runs, then what came back.
#>
param(
    # The module to import; the build passes the one it just built.
    [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
if ($ModulePath) { Import-Module $ModulePath -Force }

function Show-Step([string] $Title, [scriptblock] $Command) {
    Write-Host "`n== $Title" -ForegroundColor Cyan
    Write-Host ("PS> " + $Command.ToString().Trim()) -ForegroundColor DarkGray
    & $Command | Out-Host
}

$suffix = Get-Random -Maximum 99999
$script:App = "alias/demo-app-$suffix"

Show-Step 'Connect to the local KMS in this process (no AWS account needed)' {
    Connect-Kms -Local -Region eu-west-1 -PassThru | Format-List Region, CredentialSource, IsLocal
}

Show-Step 'Create a key with an alias and tags' {
    $script:Key = New-KmsKey -Description 'Demo application key' -Alias $App -Tag @{ Owner = 'demo' }
    $Key
}

Show-Step 'Find keys by alias, with wildcards' {
    Get-KmsKey -Alias 'demo-app-*'
}

Show-Step 'Protect a secret: the output is a KMS ciphertext blob, base64' {
    $script:Ciphertext = Protect-KmsData -KeyId $App -Value 'db-password-123' -EncryptionContext @{ app = 'demo' }
    $Ciphertext.Substring(0, 40) + '...'
}

Show-Step 'Unprotect it: a SecureString by default, text with -AsPlainText' {
    Unprotect-KmsData -Ciphertext $Ciphertext -EncryptionContext @{ app = 'demo' } -AsPlainText
}

Show-Step 'A wrong encryption context is refused' {
    Unprotect-KmsData -Ciphertext $Ciphertext -EncryptionContext @{ app = 'other' } -ErrorAction SilentlyContinue -ErrorVariable failure
    "Refused: $($failure[0].FullyQualifiedErrorId)"
}

Show-Step 'Let another principal decrypt through a grant' {
    $script:Reader = Add-KmsLocalPrincipal -PrincipalArn 'arn:aws:iam::111122223333:role/demo-reader'
    $grant = $Key | New-KmsGrant -GranteePrincipal $Reader.PrincipalArn -Operation Decrypt
    $asReader = Connect-Kms -Local -Region eu-west-1 -AccessKey $Reader.AccessKeyId -SecretKey $Reader.SecretAccessKey -PassThru -WhatIf:$false
    Connect-Kms -Local -Region eu-west-1
    "Reader decrypts: " + (Unprotect-KmsData -Session $asReader -Ciphertext $Ciphertext -EncryptionContext @{ app = 'demo' } -GrantToken $grant.GrantToken -AsPlainText)
    Get-KmsGrant -KeyId $App
}

Show-Step 'Rotate the key material; old ciphertext still decrypts' {
    $Key | Invoke-KmsKeyRotation
    Unprotect-KmsData -Ciphertext $Ciphertext -EncryptionContext @{ app = 'demo' } -AsPlainText
}

Show-Step 'Schedule the key for deletion (asks first unless -Force), then change your mind' {
    $Key | Remove-KmsKey -PendingWindowInDays 7 -Force -PassThru | Format-Table KeyId, State, DeletionDate
    $Key | Undo-KmsKeyRemoval -PassThru -WarningAction SilentlyContinue | Enable-KmsKey -PassThru | Format-Table KeyId, State
}

Write-Host "`nDone. Try Get-Help about_KmsPowerShell, or Get-Command -Module KmsPowerShell." -ForegroundColor Cyan
