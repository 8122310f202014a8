# The parameters that take KMS names (key specs, usages, algorithms) complete and validate from the module's one
# vocabulary, as [ValidateSet] did: same completions, same error id and text. No backend: nothing here calls KMS.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'KMS names' {
    It 'completes <Line>' -ForEach @(
        @{ Line = 'New-KmsKey -KeySpec HMAC'; Expected = 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512' }
        @{ Line = 'New-KmsKey -KeySpec ML_DSA'; Expected = 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87' }
        @{ Line = 'New-KmsKey -KeyUsage '; Expected = 'ENCAPSULATE_DECAPSULATE', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'SIGN_VERIFY' }
        @{ Line = 'New-KmsSignature -SigningAlgorithm ecdsa'; Expected = 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512' }
        @{ Line = 'Test-KmsSignature -SigningAlgorithm ED25519'; Expected = 'ED25519_PH_SHA_512', 'ED25519_SHA_512' }
        @{ Line = 'New-KmsMac -MacAlgorithm '; Expected = 'HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512' }
        @{ Line = 'Protect-KmsData -EncryptionAlgorithm RSA'; Expected = 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256' }
        @{ Line = 'Update-KmsCiphertext -DestinationEncryptionAlgorithm S'; Expected = 'SM2PKE', 'SYMMETRIC_DEFAULT' }
        @{ Line = 'New-KmsDataKey -KeySpec '; Expected = 'AES_128', 'AES_256' }
        @{ Line = 'New-KmsDataKeyPair -KeyPairSpec ECC'; Expected = 'ECC_NIST_EDWARDS25519', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1' }
        @{ Line = 'New-KmsDataKeyPair -KeyPairSpec ML'; Expected = 'ML_KEM_1024', 'ML_KEM_512', 'ML_KEM_768' }
    ) {
        Get-Completion $Line | Should -Be $Expected
    }

    It 'refuses a name outside the list before any call, as ValidateSet words it' {
        { New-KmsKey -KeySpec RSA_1024 -WhatIf } | Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Keys.NewKmsKeyCommand' `
            -ExpectedMessage ("Cannot validate argument on parameter 'KeySpec'. The argument `"RSA_1024`" does not belong to the set " +
                '"SYMMETRIC_DEFAULT,RSA_2048,RSA_3072,RSA_4096,ECC_NIST_P256,ECC_NIST_P384,ECC_NIST_P521,ECC_SECG_P256K1,HMAC_224,HMAC_256,HMAC_384,HMAC_512,SM2,ML_DSA_44,ML_DSA_65,ML_DSA_87,ECC_NIST_EDWARDS25519,ML_KEM_512,ML_KEM_768,ML_KEM_1024" ' +
                'specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.')
        { New-KmsDataKeyPair -KeyId alias/none -KeyPairSpec ML_DSA_44 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Data.NewKmsDataKeyPairCommand'
    }

    It 'lists the names in the help, as Accepted values and in the syntax' {
        $parameter = (Get-Help New-KmsMac).syntax.syntaxItem[0].parameter | Where-Object name -eq MacAlgorithm
        @($parameter.parameterValueGroup.parameterValue) | Should -Be 'HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'
    }
}
