# The module as it ships: manifest, exported commands and the conventions every cmdlet keeps.
BeforeDiscovery {
    Import-Module $env:KMSPS_TEST_MODULE -Force
    $script:Commands = @(Get-Command -Module KmsPowerShell -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Command = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    $script:Module = Get-Module KmsPowerShell
    $script:Approved = (Get-Verb).Verb
}

Describe 'the module manifest' {
    It 'passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path $ModulePath
        $manifest.Version | Should -Be ([version](Split-Path (Split-Path $ModulePath) -Leaf))
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $defined = $Module.ImplementingAssembly.GetExportedTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $exported = (Import-PowerShellDataFile $ModulePath).CmdletsToExport | Sort-Object
        $exported | Should -Be $defined
    }

    It 'ships the engine, the local KMS, BouncyCastle and AWSSDK only in dependencies/' {
        $folder = Split-Path $ModulePath
        Get-ChildItem $folder -Filter 'AWSSDK.*' | Should -BeNullOrEmpty
        Get-ChildItem $folder -Filter 'BouncyCastle.*' | Should -BeNullOrEmpty
        Get-ChildItem $folder -Filter 'KmsPowerShell.Engine.dll' | Should -BeNullOrEmpty
        Get-ChildItem $folder -Filter 'KmsPowerShell.LocalKms.dll' | Should -BeNullOrEmpty
        foreach ($name in 'KmsPowerShell.Engine', 'KmsPowerShell.LocalKms', 'BouncyCastle.Cryptography', 'AWSSDK.Core', 'AWSSDK.KeyManagementService', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC') {
            Join-Path $folder "dependencies/$name.dll" | Should -Exist
        }
    }
}

Describe '<Name> conventions' -ForEach $Commands {
    It 'uses an approved verb' {
        $Command.Verb | Should -BeIn $Approved
    }

    It 'declares its output type, with a format view for it' {
        $Command.OutputType | Should -Not -BeNullOrEmpty
        foreach ($type in $Command.OutputType.Type | Where-Object { $_.Namespace -eq 'KmsPowerShell' }) {
            Get-FormatData -TypeName $type.FullName | Should -Not -BeNullOrEmpty -Because "$($type.FullName) needs a view in KmsPowerShell.Format.ps1xml"
        }
    }

    It 'supports ShouldProcess when it changes anything' {
        # These read, or transform data in memory, and change nothing in KMS or on disk.
        $changesNothing = 'New-KmsDataKey', 'New-KmsDataKeyPair', 'New-KmsMac', 'New-KmsEncapsulatedSecret', 'Unprotect-KmsEncapsulatedSecret'
        if ($Command.Verb -notin 'Get', 'Test', 'Find', 'Search', 'Measure' -and $Name -notin $changesNothing) {
            $Command.Parameters.Keys | Should -Contain 'WhatIf'
        }
    }

    It 'asks first (ConfirmImpact High, with -Force) exactly when it destroys what calls depend on' {
        # The rule: High for deleting a key, imported key material, an alias, a grant or a local principal, or replacing a key policy: calls
        # that worked fail at once, for every caller, whoever may run the cmdlet (Remove-KmsGrant retires what
        # Revoke-KmsGrant revokes; a removed principal's keys sign nothing). Low for what changes only this PowerShell
        # session; Medium for every other change.
        $destroys = 'Remove-KmsKey', 'Remove-KmsKeyMaterial', 'Remove-KmsAlias', 'Remove-KmsGrant', 'Revoke-KmsGrant', 'Set-KmsKeyPolicy', 'Remove-KmsLocalPrincipal', 'Remove-KmsCustomKeyStore'
        $sessionOnly = 'Connect-Kms', 'Disconnect-Kms'
        # Deletes, yet Medium: a tag describes a key, and Add-KmsTag puts it back as it was.
        $deletesDescriptionOnly = 'Remove-KmsTag'
        $cmdlet = $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $expected = if ($Name -in $destroys) { 'High' } elseif ($Name -in $sessionOnly) { 'Low' } elseif ($cmdlet.SupportsShouldProcess) { 'Medium' } else { 'None' }
        $cmdlet.ConfirmImpact | Should -Be $expected
        if ($expected -eq 'High') {
            $cmdlet.SupportsShouldProcess | Should -BeTrue
            $Command.Parameters.Keys | Should -Contain 'Force'
        }
        if ($Command.Verb -in 'Remove', 'Revoke', 'Clear', 'Reset', 'Unregister') {
            $Name | Should -BeIn ($destroys + $deletesDescriptionOnly) -Because 'a cmdlet that deletes must be placed under the rule, not left at Medium by default'
        }
    }
}
