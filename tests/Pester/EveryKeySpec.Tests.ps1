# Issue 18's acceptance: every KeySpec and KeyUsage the KMS API has (the SDK's enums, as the vocabulary lists them) is
# created, used and verified through the cmdlets on the local KMS, with every algorithm its spec offers for that usage.
# The local KMS only: moto makes few of these keys and none the way AWS does.
BeforeDiscovery {
    Import-Module $env:KMSPS_TEST_MODULE -Force
    $script:Cases = foreach ($spec in [KmsPowerShell.Vocabulary.KmsKeySpec]::All) {
        foreach ($usage in $spec.Usages) {
            @{ Spec = $spec.Name; Usage = $usage; Algorithms = @($spec.AlgorithmsFor($usage)) }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Message = 'every key spec ✓'

    function Assert-Usable([KmsPowerShell.KmsKey] $Key, [string[]] $Algorithms) {
        switch ($Key.KeyUsage) {
            'ENCRYPT_DECRYPT' {
                foreach ($algorithm in $Algorithms) {
                    $ciphertext = Protect-KmsData -KeyId $Key -Value $Message -EncryptionAlgorithm $algorithm
                    Unprotect-KmsData -Ciphertext $ciphertext -KeyId $Key -EncryptionAlgorithm $algorithm -AsPlainText | Should -Be $Message
                }
            }
            'SIGN_VERIFY' {
                foreach ($algorithm in $Algorithms) {
                    # Ed25519ph signs a SHA-512 digest (MessageType DIGEST); every other algorithm here signs the message.
                    $signed = if ($algorithm -eq 'ED25519_PH_SHA_512') {
                        @{ Message = [Security.Cryptography.SHA512]::HashData([Text.Encoding]::UTF8.GetBytes($Message)); MessageType = 'DIGEST' }
                    }
                    else { @{ Message = $Message } }
                    $signature = New-KmsSignature -KeyId $Key @signed -SigningAlgorithm $algorithm
                    Test-KmsSignature -KeyId $Key @signed -Signature $signature.Signature -SigningAlgorithm $algorithm | Should -BeTrue
                    Test-KmsSignature -KeyId $Key @signed -Signature $signature.Signature -SigningAlgorithm $algorithm -Offline | Should -BeTrue
                }
            }
            'GENERATE_VERIFY_MAC' {
                foreach ($algorithm in $Algorithms) {
                    $mac = New-KmsMac -KeyId $Key -Message $Message -MacAlgorithm $algorithm
                    Test-KmsMac -KeyId $Key -Message $Message -Mac $mac.Mac -MacAlgorithm $algorithm | Should -BeTrue
                }
            }
            'KEY_AGREEMENT' {
                $peer = New-KmsKey -KeySpec $Key.KeySpec -KeyUsage KEY_AGREEMENT -Description 'pester every spec: peer'
                $ours = Get-KmsSharedSecret -KeyId $Key -PeerKeyId $peer -AsByteArray
                $theirs = Get-KmsSharedSecret -KeyId $peer -PeerKeyId $Key -AsByteArray
                $ours.SharedSecretBytes | Should -Not -BeNullOrEmpty
                [Convert]::ToBase64String($ours.SharedSecretBytes) | Should -Be ([Convert]::ToBase64String($theirs.SharedSecretBytes))
            }
            'ENCAPSULATE_DECAPSULATE' {
                $made = New-KmsEncapsulatedSecret -KeyId $Key -AsByteArray
                $recovered = Unprotect-KmsEncapsulatedSecret -KeyId $Key -Ciphertext $made.CiphertextBlob -AsByteArray
                $recovered.SharedSecretBytes.Length | Should -Be 32
                [Convert]::ToBase64String($recovered.SharedSecretBytes) | Should -Be ([Convert]::ToBase64String($made.SharedSecretBytes))
            }
            default { throw "No use of a $($Key.KeyUsage) key is tested here: add one." }
        }
    }
}

Describe 'every KeySpec and KeyUsage of the KMS API through the cmdlets' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'lists every KeySpec and KeyUsage of AWSSDK.KeyManagementService, each spec with a usage' {
        $sdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.KeyManagementService' } | Select-Object -First 1
        $specs = [KmsPowerShell.Vocabulary.KmsKeySpec]::All
        ($specs | ForEach-Object Usages | Sort-Object -Unique) | Should -Be ([KmsPowerShell.Vocabulary.KmsKeyUsages]::Supported | Sort-Object)
        $sdk | Should -Not -BeNullOrEmpty -Because 'a session has loaded the SDK'
        $sdkSpecs = $sdk.GetType('Amazon.KeyManagementService.KeySpec').GetFields('Public,Static') | ForEach-Object { $_.GetValue($null).Value }
        $specs.Name | Sort-Object | Should -Be ($sdkSpecs | Sort-Object)
        $sdkUsages = $sdk.GetType('Amazon.KeyManagementService.KeyUsageType').GetFields('Public,Static') | ForEach-Object { $_.GetValue($null).Value }
        [KmsPowerShell.Vocabulary.KmsKeyUsages]::Supported | Sort-Object | Should -Be ($sdkUsages | Sort-Object)
    }

    It 'makes a <Spec> <Usage> key and uses it with <Algorithms>' -ForEach $Cases {
        $key = New-KmsKey -KeySpec $Spec -KeyUsage $Usage -Description "pester every spec: $Spec $Usage"
        $key.KeySpec | Should -Be $Spec
        $key.KeyUsage | Should -Be $Usage
        if ($Spec -ne 'SYMMETRIC_DEFAULT' -and $Usage -ne 'GENERATE_VERIFY_MAC') {
            (Get-KmsPublicKey -KeyId $key).PublicKey.Length | Should -BeGreaterThan 0
        }
        Assert-Usable $key $Algorithms
    }
}
