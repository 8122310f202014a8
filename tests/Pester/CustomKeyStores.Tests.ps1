BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Prefix = "pester-cks-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:Certificate = Join-Path $TestDrive 'customerCA.crt'
    Set-Content -Path $Certificate -Value "-----BEGIN CERTIFICATE-----`nMIIB`n-----END CERTIFICATE-----"
    $script:Password = ConvertTo-SecureString 'kmsuser-password-1' -AsPlainText -Force
}

# moto has no custom key stores; the local KMS answers as AWS does.
Describe 'custom key stores' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'creates a CloudHSM key store from a certificate file, DISCONNECTED, and finds it by id and by name' {
        $store = New-KmsCustomKeyStore -Name "$Prefix-hsm" -CloudHsmClusterId 'cluster-pesterabcdef' -TrustAnchorCertificate $Certificate -KeyStorePassword $Password
        $store | Should -BeOfType ([KmsPowerShell.KmsCustomKeyStore])
        $store.CustomKeyStoreId | Should -Match '^cks-[0-9a-f]{17}$'
        $store.ConnectionState | Should -Be 'DISCONNECTED'
        $store.TrustAnchorCertificate | Should -BeLike '-----BEGIN CERTIFICATE-----*'
        (Get-KmsCustomKeyStore -Name "$Prefix-hsm").CustomKeyStoreId | Should -Be $store.CustomKeyStoreId
        (Get-KmsCustomKeyStore $store.CustomKeyStoreId).CustomKeyStoreName | Should -Be "$Prefix-hsm"
        ($store | Out-String) | Should -Not -Match 'kmsuser-password'
    }

    It 'connects and disconnects a piped store, and refuses to delete it while connected' {
        $store = Get-KmsCustomKeyStore -Name "$Prefix-hsm"
        ($store | Connect-KmsCustomKeyStore -PassThru).ConnectionState | Should -Be 'CONNECTED'
        $store | Remove-KmsCustomKeyStore -Force -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be 'CustomKeyStoreStateInvalid,KmsPowerShell.Commands.KeyStores.RemoveKmsCustomKeyStoreCommand'
        (Disconnect-KmsCustomKeyStore -Name "$Prefix-hsm" -PassThru).ConnectionState | Should -Be 'DISCONNECTED'
    }

    It 'makes a key in a connected CloudHSM key store, which is Unavailable while the store is disconnected' {
        $store = New-KmsCustomKeyStore -Name "$Prefix-keys" -CloudHsmClusterId 'cluster-pesterkeysabc' -TrustAnchorCertificate $Certificate -KeyStorePassword $Password |
            Connect-KmsCustomKeyStore -PassThru
        $key = New-KmsKey -Origin AWS_CLOUDHSM -CustomKeyStoreId $store.CustomKeyStoreId -Description 'pester hsm key'
        $key.CustomKeyStoreId | Should -Be $store.CustomKeyStoreId
        $key.CloudHsmClusterId | Should -Be 'cluster-pesterkeysabc'
        $ciphertext = Protect-KmsData -KeyId $key.KeyId -Value 'in the hsm'
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText | Should -BeExactly 'in the hsm'

        $store | Disconnect-KmsCustomKeyStore
        ($key | Get-KmsKey).State | Should -Be 'Unavailable'
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -Be 'KeyStateInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        $store | Remove-KmsCustomKeyStore -Force -ErrorVariable kept -ErrorAction SilentlyContinue
        $kept[0].FullyQualifiedErrorId | Should -Be 'CustomKeyStoreHasKeys,KmsPowerShell.Commands.KeyStores.RemoveKmsCustomKeyStoreCommand'
        $key | Remove-KmsKey -PendingWindowInDays 7 -Force -WarningAction SilentlyContinue
    }

    It 'renames a store, and -WhatIf changes nothing' {
        $store = Get-KmsCustomKeyStore -Name "$Prefix-hsm"
        $store | Set-KmsCustomKeyStore -NewName "$Prefix-renamed" -WhatIf
        (Get-KmsCustomKeyStore $store.CustomKeyStoreId).CustomKeyStoreName | Should -Be "$Prefix-hsm"
        ($store | Set-KmsCustomKeyStore -NewName "$Prefix-renamed" -PassThru).CustomKeyStoreName | Should -Be "$Prefix-renamed"
    }

    It 'reports a name in use with its ErrorId' {
        New-KmsCustomKeyStore -Name "$Prefix-renamed" -CloudHsmClusterId 'cluster-pesterbbbbbb' -TrustAnchorCertificate $Certificate -KeyStorePassword $Password -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'CustomKeyStoreNameInUse,KmsPowerShell.Commands.KeyStores.NewKmsCustomKeyStoreCommand'
    }

    It 'refuses an external key store whose proxy is off loopback, without calling it' {
        $credential = [pscredential]::new('ABCDEFGHIJKLMNOPQRST', (ConvertTo-SecureString ('a' * 44) -AsPlainText -Force))
        New-KmsCustomKeyStore -Name "$Prefix-xks" -XksProxyUriEndpoint 'https://xks.example.com' -XksProxyUriPath '/kms/xks/v1' -XksProxyAuthenticationCredential $credential -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'XksProxyUnreachable,KmsPowerShell.Commands.KeyStores.NewKmsCustomKeyStoreCommand'
        $failed[0].Exception.Message | Should -Not -Match ('a' * 44)
    }

    It 'completes store names' {
        $line = "Get-KmsCustomKeyStore -Name $Prefix-r"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be "$Prefix-renamed"
    }

    It 'removes a piped store after -Force, and -WhatIf keeps it' {
        Get-KmsCustomKeyStore -Name "$Prefix-renamed" | Remove-KmsCustomKeyStore -WhatIf
        Get-KmsCustomKeyStore -Name "$Prefix-renamed" | Should -Not -BeNullOrEmpty
        Get-KmsCustomKeyStore -Name "$Prefix-renamed" | Remove-KmsCustomKeyStore -Force
        Get-KmsCustomKeyStore -Name "$Prefix-renamed" -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'CustomKeyStoreNotFound,KmsPowerShell.Commands.KeyStores.GetKmsCustomKeyStoreCommand'
    }
}

# The test XKS proxy (tests/XksProxy, built from the public XKS proxy API specification) runs as a process of its own
# on a free loopback port: the local KMS signs every call to it, and it really encrypts with its external key.
Describe 'keys in an external key store' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $proxyDll = Get-ChildItem (Join-Path $PSScriptRoot '../XksProxy/bin') -Recurse -Filter 'KmsPowerShell.XksProxy.dll' |
            Where-Object { $_.Directory.Name -like 'net*' } | Sort-Object LastWriteTime -Descending | Select-Object -First 1
        if (-not $proxyDll) { throw 'tests/XksProxy is not built: run build.ps1 -Task Build first.' }
        $endpointFile = Join-Path $TestDrive 'xks-endpoint.txt'
        $script:Proxy = Start-Process dotnet -ArgumentList $proxyDll.FullName, '--key', 'pester-external-key', '--key', 'pester-second-key', '--parent-pid', $PID `
            -RedirectStandardOutput $endpointFile -PassThru
        # The proxy writes its endpoint as its first line once it listens.
        $script:ProxyEndpoint = $null
        foreach ($attempt in 1..300) {
            $script:ProxyEndpoint = Get-Content $endpointFile -TotalCount 1 -ErrorAction SilentlyContinue
            if ($ProxyEndpoint -or $Proxy.HasExited) { break }
            Start-Sleep -Milliseconds 100
        }
        if (-not $ProxyEndpoint) { throw 'The test XKS proxy did not start.' }
        $credential = [pscredential]::new('ABCDEFGHIJKLMNOPQRST', (ConvertTo-SecureString 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH' -AsPlainText -Force))
        $script:ExternalStore = New-KmsCustomKeyStore -Name "$Prefix-external" -XksProxyUriEndpoint $ProxyEndpoint -XksProxyUriPath '/example/kms/xks/v1' `
            -XksProxyAuthenticationCredential $credential | Connect-KmsCustomKeyStore -PassThru
    }
    AfterAll {
        if ($Proxy -and -not $Proxy.HasExited) { Stop-Process -Id $Proxy.Id }
    }

    It 'makes a key for an external key and protects data with it through the proxy' {
        $ExternalStore.ConnectionState | Should -Be 'CONNECTED'
        $key = New-KmsKey -Origin EXTERNAL_KEY_STORE -CustomKeyStoreId $ExternalStore.CustomKeyStoreId -XksKeyId 'pester-external-key' -Description 'pester xks key'
        $key.Origin | Should -Be 'EXTERNAL_KEY_STORE'
        $key.XksKeyId | Should -Be 'pester-external-key'
        $ciphertext = Protect-KmsData -KeyId $key.KeyId -Value 'held outside' -EncryptionContext @{ app = 'pester' }
        Unprotect-KmsData -Ciphertext $ciphertext -EncryptionContext @{ app = 'pester' } -AsPlainText | Should -BeExactly 'held outside'
    }

    It 'refuses an external key the proxy does not have, and one already in use, with their ErrorIds' {
        New-KmsKey -Origin EXTERNAL_KEY_STORE -CustomKeyStoreId $ExternalStore.CustomKeyStoreId -XksKeyId 'no-such-key' -ErrorVariable missing -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -Be 'XksKeyNotFound,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
        New-KmsKey -Origin EXTERNAL_KEY_STORE -CustomKeyStoreId $ExternalStore.CustomKeyStoreId -XksKeyId 'pester-external-key' -ErrorVariable used -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $used[0].FullyQualifiedErrorId | Should -Be 'XksKeyInUse,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
    }

    It 'fails with KeyStateInvalid once the proxy is stopped, without hanging' {
        $key = New-KmsKey -Origin EXTERNAL_KEY_STORE -CustomKeyStoreId $ExternalStore.CustomKeyStoreId -XksKeyId 'pester-second-key'
        $ciphertext = Protect-KmsData -KeyId $key.KeyId -Value 'before'
        Stop-Process -Id $Proxy.Id
        $Proxy.WaitForExit()
        Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -Be 'KeyStateInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
    }
}
