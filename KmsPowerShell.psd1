# The manifest template. build.ps1 stamps ModuleVersion (from Directory.Build.props), FileList (every file of the
# built module folder: assemblies, dependencies, format file, en-US help), ReleaseNotes (this version's section of
# docs/CHANGELOG.md) and the gallery tags derived from CompatiblePSEditions and CmdletsToExport (PSEdition_*,
# PSIncludes_Cmdlet, PSCmdlet_*, PSCommand_*) into the copy it ships.
@{
    RootModule           = 'KmsPowerShell.dll'
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5f0b7c0e-3d51-4b7c-9a56-7a1e3c6f2d84'
    Author               = 'KmsPowerShell contributors'
    CompanyName          = 'KmsPowerShell'
    Copyright            = '(c) KmsPowerShell contributors. Licensed under the Apache License 2.0.'
    Description          = 'Administer AWS KMS keys and protect data with them: idiomatic cmdlets, one session of signed clients, AWS Encryption SDK compatible files, and a local KMS for offline testing.'
    PowerShellVersion    = '7.4'
    RequiredAssemblies   = @('KmsPowerShell.Model.dll')
    FormatsToProcess     = @('KmsPowerShell.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-KmsLocalPrincipal'
        'Add-KmsTag'
        'Connect-Kms'
        'Connect-KmsCustomKeyStore'
        'Disable-KmsKey'
        'Disable-KmsKeyRotation'
        'Disconnect-Kms'
        'Disconnect-KmsCustomKeyStore'
        'Enable-KmsKey'
        'Enable-KmsKeyRotation'
        'Export-KmsComplianceReport'
        'Get-KmsAlias'
        'Get-KmsComplianceFinding'
        'Get-KmsCustomKeyStore'
        'Get-KmsGrant'
        'Get-KmsImportParameter'
        'Get-KmsKey'
        'Get-KmsKeyLastUsage'
        'Get-KmsKeyPolicy'
        'Get-KmsKeyRotation'
        'Get-KmsLocalPrincipal'
        'Get-KmsPublicKey'
        'Get-KmsRandom'
        'Get-KmsSession'
        'Get-KmsSharedSecret'
        'Get-KmsTag'
        'Import-KmsKeyMaterial'
        'Invoke-KmsKeyRotation'
        'New-KmsAlias'
        'New-KmsCustomKeyStore'
        'New-KmsDataKey'
        'New-KmsDataKeyPair'
        'New-KmsEncapsulatedSecret'
        'New-KmsGrant'
        'New-KmsKey'
        'New-KmsMac'
        'New-KmsReplicaKey'
        'New-KmsSignature'
        'Protect-KmsData'
        'Remove-KmsAlias'
        'Remove-KmsCustomKeyStore'
        'Remove-KmsGrant'
        'Remove-KmsKey'
        'Remove-KmsKeyMaterial'
        'Remove-KmsLocalPrincipal'
        'Remove-KmsTag'
        'Repair-KmsComplianceFinding'
        'Revoke-KmsGrant'
        'Set-KmsAlias'
        'Set-KmsCustomKeyStore'
        'Set-KmsKey'
        'Set-KmsKeyPolicy'
        'Set-KmsLocalClock'
        'Set-KmsLocalFault'
        'Set-KmsPrimaryRegion'
        'Start-KmsLocalServer'
        'Stop-KmsLocalServer'
        'Test-KmsKeyPolicy'
        'Test-KmsMac'
        'Test-KmsSignature'
        'Undo-KmsKeyRemoval'
        'Unprotect-KmsData'
        'Unprotect-KmsEncapsulatedSecret'
        'Update-KmsCiphertext'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FileList             = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'KMS', 'Encryption', 'Security', 'Cryptography', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/kmspowershell/KmsPowerShell'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = ''
        }
    }
}
