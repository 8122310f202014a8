BeforeDiscovery {
    # Every view of the module's format file is a test case, so a view added without a sample below fails.
    $formatFile = Join-Path (Split-Path $env:KMSPS_TEST_MODULE) 'KmsPowerShell.Format.ps1xml'
    $script:Views = foreach ($view in ([xml](Get-Content -Raw $formatFile)).Configuration.ViewDefinitions.View) {
        $table = $view.TableControl
        @{
            View   = $view.Name
            Kind   = $table ? 'Table' : 'List'
            Labels = @($table ? $table.TableHeaders.TableColumnHeader.Label : ($view.ListControl.ListEntries.ListEntry.ListItems.ListItem |
                        ForEach-Object { $_.Label ?? $_.PropertyName }))
            Group  = $view.GroupBy.Label
        }
    }
    # Every output record that names a key, found by its base type, so a new one without a test fails too.
    Import-Module $env:KMSPS_TEST_MODULE
    $script:Records = [KmsPowerShell.KmsKeyRecord].Assembly.GetExportedTypes() |
        Where-Object { $_.IsSubclassOf([KmsPowerShell.KmsKeyRecord]) } | ForEach-Object { @{ Type = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:OnMoto = $Backend -eq 'moto'
    $suffix = Get-Random -Maximum 99999
    $script:Role = 'arn:aws:iam::111122223333:role/payroll-exporter-batch'

    function Get-Rendered([object[]] $InputObject, [string] $View, [string] $Kind, [int] $Width) {
        $formatted = $Kind -eq 'Table' ? ($InputObject | Format-Table -View $View) : ($InputObject | Format-List -View $View)
        ($formatted | Out-String -Width $Width) -split "`r?`n"
    }

    function Get-RecordSample([string] $Type, [KmsPowerShell.KmsKey] $Symmetric, [KmsPowerShell.KmsKey] $Signing, [KmsPowerShell.KmsKey] $Hmac, [KmsPowerShell.KmsKey] $External,
        [KmsPowerShell.KmsKey] $Agreement, [KmsPowerShell.KmsKey] $MlKem) {
        switch ($Type) {
            KmsKey { $Symmetric }
            KmsGrant { $Symmetric | New-KmsGrant -GranteePrincipal $Role -Operation Decrypt }
            KmsTag { $Symmetric | Get-KmsTag }
            KmsKeyRotation { $Symmetric | Get-KmsKeyRotation }
            KmsKeyLastUsage { $Symmetric | Get-KmsKeyLastUsage }
            KmsDataKey { $Symmetric | New-KmsDataKey -WithoutPlaintext }
            KmsDataKeyPair { $Symmetric | New-KmsDataKeyPair -KeyPairSpec ECC_NIST_P256 }
            KmsSignature { New-KmsSignature -KeyId $Signing -Message 'release 1.0' }
            KmsPublicKey { $Signing | Get-KmsPublicKey }
            KmsMac { New-KmsMac -KeyId $Hmac -Message 'webhook body' }
            KmsImportParameters { $External | Get-KmsImportParameter -WrappingKeySpec RSA_2048 }
            KmsSharedSecret { Get-KmsSharedSecret -KeyId $Agreement -PeerKeyId $Agreement }
            KmsEncapsulatedSecret { New-KmsEncapsulatedSecret -KeyId $MlKem }
            default { throw "No sample of ${Type}: add one to Get-RecordSample in Formatting.Tests.ps1." }
        }
    }
}

Describe 'table and list views at 80 and 120 columns' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $script:Key = New-KmsKey -Description 'Payroll exports, encrypted nightly' -Alias "alias/fmt-pay-$suffix" -Tag @{ Owner = 'finance-team' }
        $script:Mrk = New-KmsKey -Description 'Application secrets' -MultiRegion -Alias "alias/fmt-app-secrets-$suffix"
        $script:Signer = New-KmsKey -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY -Description 'Release signing'
        $script:Hmac = New-KmsKey -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC -Description 'Webhook MACs'
        $script:External = New-KmsKey -Origin EXTERNAL -Description 'Imported payroll key'
        $script:Agreement = New-KmsKey -KeySpec ECC_NIST_P256 -KeyUsage KEY_AGREEMENT -Description 'Partner key agreement'
        $script:MlKem = New-KmsKey -KeySpec ML_KEM_768 -KeyUsage ENCAPSULATE_DECAPSULATE -Description 'Post-quantum key exchange'
        $principal = Add-KmsLocalPrincipal -PrincipalArn $Role -Force
        $script:Grant = $Key | New-KmsGrant -GranteePrincipal $Role -Operation Decrypt, Encrypt, GenerateDataKey -EncryptionContextEquals @{ app = 'payroll'; env = 'prod' }
        $release = Join-Path $TestDrive 'release-1.0.zip'
        Set-Content -Path $release -Value 'release'
        $server = Start-KmsLocalServer
        $server | Stop-KmsLocalServer
        $grantPrefix = $Grant.GrantId.Substring(0, 10)
        $decisionPolicy = @{ Version = '2012-10-17'; Statement = @(
                @{ Sid = 'UseKey'; Effect = 'Allow'; Principal = @{ AWS = $Role }; Action = 'kms:*'; Resource = '*' }
                @{ Sid = 'NoDeletion'; Effect = 'Deny'; Principal = @{ AWS = '*' }; Action = 'kms:ScheduleKeyDeletion'; Resource = '*' }) } | ConvertTo-Json -Depth 5
        $keyPrefix = $Key.KeyId.Substring(0, 8)
        $certificate = "-----BEGIN CERTIFICATE-----`nMIIB`n-----END CERTIFICATE-----"
        $password = ConvertTo-SecureString 'kmsuser-pass' -AsPlainText -Force
        $store = New-KmsCustomKeyStore -Name "fmt-hsm-$suffix" -CloudHsmClusterId 'cluster-fmtabcdefgh' -TrustAnchorCertificate $certificate -KeyStorePassword $password

        # For each view: objects made through the cmdlets, and what must be visible and whole at each width.
        $script:Samples = @{
            'KmsPowerShell.KmsKey'            = @{ Objects = { Get-KmsKey -KeyId $Key.KeyId, $Mrk.KeyId }
                W80 = $keyPrefix, $Key.Aliases[0], 'Payroll exports', 'us-east-1', 'Enabled'
                W120 = $Key.KeyId, $Mrk.KeyId, $Key.Aliases[0], 'Payroll exports, encrypted nightly', 'Application secrets' }
            'KmsPowerShell.KmsKey.List'       = @{ Objects = { $Key }; W80 = $Key.KeyId, 'us-east-1'; W120 = $Key.KeyArn }
            'KmsPowerShell.KmsSession'        = @{ Objects = { Get-KmsSession }; W80 = 'us-east-1'; W120 = 'us-east-1' }
            'KmsPowerShell.KmsAlias'          = @{ Objects = { Get-KmsAlias -KeyId $Key }; W80 = $Key.Aliases[0], $Key.KeyId; W120 = $Key.Aliases[0], $Key.KeyId }
            'KmsPowerShell.KmsCustomKeyStore' = @{ Objects = { $store | Get-KmsCustomKeyStore }
                W80 = $store.CustomKeyStoreName, 'AWS_CLOUDHSM', 'DISCONNECTED'; W120 = $store.CustomKeyStoreName, 'AWS_CLOUDHSM', 'DISCONNECTED' }
            'KmsPowerShell.KmsTag'            = @{ Objects = { $Key | Get-KmsTag }; W80 = 'Owner', 'finance-team', $Key.KeyId; W120 = 'finance-team', $Key.KeyId }
            'KmsPowerShell.KmsKeyRotation'    = @{ Objects = { $Key | Get-KmsKeyRotation }; W80 = $Key.KeyId; W120 = $Key.KeyId }
            'KmsPowerShell.KmsKeyLastUsage'   = @{
                Objects = { $null = $Key | New-KmsDataKey -WithoutPlaintext; $Key, $Mrk | Get-KmsKeyLastUsage }
                W80 = $Key.KeyId, $Mrk.KeyId, 'never'; W120 = $Key.KeyId, $Mrk.KeyId, 'never', 'GenerateDataKeyWithoutPlaintext' }
            'KmsPowerShell.KmsDataKey'        = @{ Objects = { $Key | New-KmsDataKey -WithoutPlaintext }; W80 = $Key.KeyId; W120 = $Key.KeyId }
            'KmsPowerShell.KmsGrant'          = @{ Objects = { Get-KmsGrant -KeyId $Key }
                W80 = $grantPrefix, 'payroll-exporter-batch', $Key.KeyId, 'Decrypt, Encrypt'
                W120 = $grantPrefix, 'payroll-exporter-batch', $Key.KeyId, 'Decrypt, Encrypt, GenerateDataKey', 'Equals app=payroll, env=prod' }
            'KmsPowerShell.KmsGrant.List'     = @{ Objects = { Get-KmsGrant -KeyId $Key }; W80 = $Key.KeyId, $Role; W120 = $Grant.GrantId, $Role }
            'KmsPowerShell.KmsLocalServer'    = @{ Objects = { $server }; W80 = $server.Endpoint, $server.AccessKeyId; W120 = $server.Endpoint }
            'KmsPowerShell.KmsLocalPrincipal' = @{ Objects = { Get-KmsLocalPrincipal -PrincipalArn $Role, 'arn:aws:iam::111122223333:user/local-admin' }
                W80 = $principal.AccessKeyId, 'AKIALOCALKMSEXAMPLE1'; W120 = $principal.AccessKeyId, $Role, 'arn:aws:iam::111122223333:user/local-admin' }
            'KmsPowerShell.KmsSignature'      = @{ Objects = { New-KmsSignature -KeyId $Signer -Path $release }
                W80 = $Signer.KeyId, 'release-1.0.zip', 'ECDSA_SHA_256'; W120 = $Signer.KeyId, 'release-1.0.zip', 'ECDSA_SHA_256' }
            'KmsPowerShell.KmsPublicKey'      = @{ Objects = { $Signer | Get-KmsPublicKey }; W80 = $Signer.KeyId, 'ECC_NIST_P256', 'SIGN_VERIFY'; W120 = $Signer.KeyId, 'ECDSA_SHA_256' }
            'KmsPowerShell.KmsImportParameters' = @{ Objects = { $External | Get-KmsImportParameter -WrappingKeySpec RSA_2048 }
                W80 = $External.KeyId, 'RSAES_OAEP_SHA_256', 'RSA_2048', 'bytes'; W120 = $External.KeyArn, 'RSAES_OAEP_SHA_256' }
            'KmsPowerShell.KmsMac'            = @{ Objects = { New-KmsMac -KeyId $Hmac -Message 'webhook body' }; W80 = $Hmac.KeyId, 'HMAC_SHA_256'; W120 = $Hmac.KeyId, 'HMAC_SHA_256' }
            'KmsPowerShell.KmsSharedSecret'   = @{ Objects = { Get-KmsSharedSecret -KeyId $Agreement -PeerKeyId $Agreement; Get-KmsSharedSecret -KeyId $Agreement -PeerKeyId $Agreement -AsByteArray }
                W80 = $Agreement.KeyId, 'ECDH', 'SecureString', '32 bytes'; W120 = $Agreement.KeyId, 'ECDH', 'SecureString (base64)', '32 bytes (SharedSecretBytes)' }
            'KmsPowerShell.KmsEncapsulatedSecret' = @{ Objects = { New-KmsEncapsulatedSecret -KeyId $MlKem }; W80 = $MlKem.KeyId, 'ML_KEM', '1088 bytes', 'SecureString'; W120 = $MlKem.KeyId, 'ML_KEM', '1088 bytes' }
            'KmsPowerShell.KmsLocalClock'     = @{ Objects = { Set-KmsLocalClock -Advance 0 -PassThru }; W80 = '(in memory)'; W120 = '(in memory)' }
            'KmsPowerShell.KmsDataKeyPair'    = @{ Objects = { $Key | New-KmsDataKeyPair -KeyPairSpec ECC_NIST_P256 }; W80 = $Key.KeyId, 'ECC_NIST_P256'; W120 = $Key.KeyId, 'ECC_NIST_P256' }
            'KmsPowerShell.KmsComplianceFinding' = @{ Objects = { Get-KmsComplianceFinding -KeyId $Key -Check RotationDisabled }
                W80 = 'RotationDisabled', 'us-east-1', $Key.Aliases[0]; W120 = 'RotationDisabled', 'us-east-1', $Key.Aliases[0] }
            'KmsPowerShell.KmsComplianceFinding.List' = @{ Objects = { Get-KmsComplianceFinding -KeyId $Key -Check RotationDisabled }
                W80 = $Key.KeyId, 'RotationDisabled', 'EnableKeyRotation'; W120 = $Key.KeyId, $Key.Aliases[0], 'KMS.4' }
            'KmsPowerShell.KmsPolicyDecision' = @{ Objects = { Test-KmsKeyPolicy -Policy $decisionPolicy -KeyArn $Key.KeyArn -PrincipalArn $Role -Action Decrypt, ScheduleKeyDeletion }
                W80 = 'kms:Decrypt', 'Allowed', 'UseKey', 'kms:ScheduleKeyDeletion', 'ExplicitDeny', 'NoDeletion'
                W120 = 'kms:Decrypt', 'Allowed', 'UseKey', 'ExplicitDeny', 'NoDeletion', $Role }
        }
    }

    Context '<View>' -ForEach $Views {
        BeforeAll {
            $sample = $Samples[$View]
            if ($null -eq $sample) { throw "The view $View has no sample: add one to `$Samples in Formatting.Tests.ps1." }
            $script:Objects = @(& $sample.Objects)
            $script:Sample = $sample
        }

        It 'fits <Width> columns, with every header whole on one line and what a user needs visible' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
            $Objects | Should -Not -BeNullOrEmpty
            $lines = Get-Rendered $Objects $View $Kind $Width
            $lines | Where-Object { $_.Length -gt $Width } | Should -BeNullOrEmpty -Because "no line may be longer than $Width columns"
            if ($Kind -eq 'Table') {
                $underline = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^-+( +-+)*\s*$' })
                $underline | Should -BeGreaterThan 0 -Because 'a table has a header row'
                $header = $lines[$underline - 1]
                foreach ($label in $Labels) { $header | Should -Match "(^| )$([regex]::Escape($label))( |$)" -Because "the header $label is whole" }
                $lines[$underline] -split ' +' -match '-' | Should -HaveCount $Labels.Count -Because 'every column is shown'
                if ($Group) { $lines -match "^\s+$Group\: \S" | Should -Not -BeNullOrEmpty }
            }
            else {
                foreach ($label in $Labels) { $lines -match "^$([regex]::Escape($label)) *:" | Should -Not -BeNullOrEmpty -Because "the item $label is listed" }
            }
            $text = $lines -join "`n"
            foreach ($value in $Sample["W$Width"]) { $text | Should -BeLikeExactly "*$value*" -Because "'$value' is visible and whole at $Width columns" }
        }
    }

    It 'shows a grant id prefix that names one grant, and the role name rather than its ARN' {
        $other = $Key | New-KmsGrant -GranteePrincipal $Role -Operation Encrypt
        $text = Get-KmsGrant -KeyId $Key | Out-String -Width 80
        $text | Should -Not -Match ([regex]::Escape('arn:aws:iam::'))
        foreach ($id in $Grant.GrantId, $other.GrantId) {
            $shown = [regex]::Match($text, "(?m)^($([regex]::Escape($id.Substring(0, 4)))\w*)…").Groups[1].Value
            $shown.Length | Should -BeGreaterOrEqual 8
            @((Get-KmsGrant -KeyId $Key).GrantId -like "$shown*") | Should -Be @($id)
        }
    }
}

Describe 'one KeyId convention on every record that names a key' {
    BeforeAll {
        # The keys live outside the session's region: a record must still name its own key there.
        $script:West = New-KmsKey -Region us-west-2 -Description 'fmt west' -Tag @{ Owner = 'west' } -Alias "alias/fmt-west-$suffix"
        $script:WestSigner = New-KmsKey -Region us-west-2 -KeySpec ECC_NIST_P256 -KeyUsage SIGN_VERIFY
        $script:WestHmac = New-KmsKey -Region us-west-2 -KeySpec HMAC_256 -KeyUsage GENERATE_VERIFY_MAC
        $script:WestExternal = New-KmsKey -Region us-west-2 -Origin EXTERNAL
        if (-not $OnMoto) {
            # moto has neither KEY_AGREEMENT nor ML-KEM keys.
            $script:WestAgreement = New-KmsKey -Region us-west-2 -KeySpec ECC_NIST_P384 -KeyUsage KEY_AGREEMENT
            $script:WestMlKem = New-KmsKey -Region us-west-2 -KeySpec ML_KEM_512 -KeyUsage ENCAPSULATE_DECAPSULATE
        }
    }

    It '<Type> has the bare KeyId, the KeyArn and the Region, and pipes into Get-KmsKey from another region' -ForEach $Records {
        if ($OnMoto -and $Type -eq 'KmsDataKeyPair') { Set-ItResult -Skipped -Because 'moto has no GenerateDataKeyPair' }
        if ($OnMoto -and $Type -eq 'KmsKeyLastUsage') { Set-ItResult -Skipped -Because 'moto has no GetKeyLastUsage' }
        if ($OnMoto -and $Type -in 'KmsGrant', 'KmsMac', 'KmsPublicKey') { Set-ItResult -Skipped -Because 'moto answers a bare key id where KMS answers the key ARN' }
        if ($OnMoto -and $Type -eq 'KmsImportParameters') { Set-ItResult -Skipped -Because 'moto has no GetParametersForImport' }
        if ($OnMoto -and $Type -in 'KmsSharedSecret', 'KmsEncapsulatedSecret') { Set-ItResult -Skipped -Because 'moto has no DeriveSharedSecret or Encapsulate' }
        $key = switch ($Type) {
            KmsSignature { $WestSigner } KmsPublicKey { $WestSigner } KmsMac { $WestHmac } KmsImportParameters { $WestExternal }
            KmsSharedSecret { $WestAgreement } KmsEncapsulatedSecret { $WestMlKem } default { $West }
        }
        $record = @(Get-RecordSample $Type $West $WestSigner $WestHmac $WestExternal $WestAgreement $WestMlKem)[0]
        $record.GetType().Name | Should -Be $Type
        $record.KeyId | Should -Be $key.KeyId
        $record.KeyArn | Should -Be $key.Arn
        $record.Region | Should -Be 'us-west-2'
        ($record | Get-KmsKey).KeyArn | Should -Be $key.Arn
    }

    It 'KmsAlias names its target the same way, and pipes into Get-KmsKey from another region' {
        $alias = Get-KmsAlias -Region us-west-2 -KeyId $West
        $alias.KeyId | Should -Be $West.KeyId
        $alias.KeyArn | Should -Be $West.Arn
        ($alias | Get-KmsKey).KeyArn | Should -Be $West.Arn
    }

    It 'a piped grant, signature and MAC bind their region by property name' {
        $grant = $West | New-KmsGrant -GranteePrincipal $Role -Operation Decrypt
        $grant | Revoke-KmsGrant -Force
        (Get-KmsGrant -KeyId $West).GrantId | Should -Not -Contain $grant.GrantId
        New-KmsMac -KeyId $WestHmac -Message 'body' | Test-KmsMac -Message 'body' | Should -BeTrue
        New-KmsSignature -KeyId $WestSigner -Message 'body' | Test-KmsSignature -Message 'body' | Should -BeTrue
    }
}

Describe 'New-KmsGrant returns the grant as KMS recorded it' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'equals Get-KmsGrant field for field, its creation date on the local KMS clock (moved) and its issuing account' {
        Set-KmsLocalClock -Advance (New-TimeSpan -Days 3)
        $key = New-KmsKey -Description 'fmt grant read back'
        $created = $key | New-KmsGrant -GranteePrincipal $Role -Operation Decrypt -Name fmt-read-back -EncryptionContextSubset @{ app = 'x' }
        $listed = Get-KmsGrant -KeyId $key -GrantId $created.GrantId
        $created.IssuingAccount | Should -Be 'arn:aws:iam::111122223333:root'
        $created.CreationDate | Should -BeGreaterThan (Get-Date).AddDays(2) -Because 'the date is the local KMS clock, moved 3 days on'
        $created.GrantToken | Should -Not -BeNullOrEmpty
        foreach ($property in $listed.PSObject.Properties.Name | Where-Object { $_ -ne 'GrantToken' }) {
            $created.$property | ConvertTo-Json -Compress | Should -Be ($listed.$property | ConvertTo-Json -Compress) -Because "$property is what KMS recorded"
        }
    }
}
