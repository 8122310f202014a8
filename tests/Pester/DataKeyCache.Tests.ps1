# Protect-KmsData -DataKeyCache: fewer KMS GenerateDataKey calls for many small messages, and every message still decrypts.
BeforeDiscovery {
    # The in-process local KMS counts requests per operation.
    $script:CountsCalls = $env:KMSPS_TEST_BACKEND -eq 'local' -and -not $env:KMSPS_TEST_VIA_SERVER
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester data key cache'
    # The local KMS lives in the private load context: reach the in-process instance by reflection.
    $script:CountsCalls = $Backend -eq 'local' -and -not $env:KMSPS_TEST_VIA_SERVER

    function Get-GenerateDataKeyCount {
        $localKms = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.LocalKms' } | Select-Object -First 1
        $registry = $localKms.GetType('KmsPowerShell.LocalKms.LocalKmsRegistry')
        $registry::Get($null).Service.CallCount('GenerateDataKey')
    }

    function New-SmallFiles([string] $Name, [int] $Count) {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        1..$Count | ForEach-Object { Set-Content -NoNewline -LiteralPath (Join-Path $folder "item$_.txt") -Value "item $_ of $Name" }
        $folder.FullName
    }

    function Assert-AllDecrypt([string] $Folder) {
        Get-ChildItem $Folder -Filter *.txt | Remove-Item
        Get-ChildItem $Folder -Filter *.encrypted | Unprotect-KmsData -KeyId $Key.Arn | Out-Null
        foreach ($file in Get-ChildItem $Folder -Filter *.txt) {
            Get-Content -Raw $file.FullName | Should -Be "$($file.BaseName -replace 'item', 'item ') of $(Split-Path -Leaf $Folder)"
        }
        @(Get-ChildItem $Folder -Filter *.txt).Count
    }
}

Describe 'Protect-KmsData -DataKeyCache' {
    It 'encrypts 20 files with one GenerateDataKey call where the uncached run makes 20, and every file decrypts (<Algorithm>)' -ForEach @(
        @{ Algorithm = 'Aes256GcmHkdfSha512CommitKeyEcdsaP384' }
        @{ Algorithm = 'Aes256GcmHkdfSha512CommitKey' }
    ) {
        Disconnect-Kms; Connect-TestKms   # a fresh session: an empty cache
        $plain = New-SmallFiles "plain-$Algorithm" 20
        $cached = New-SmallFiles "cached-$Algorithm" 20

        $before = $CountsCalls ? (Get-GenerateDataKeyCount) : 0
        Get-ChildItem $plain -Filter *.txt | Protect-KmsData -KeyId $Key.KeyId -Algorithm $Algorithm | Out-Null
        $middle = $CountsCalls ? (Get-GenerateDataKeyCount) : 0
        $out = Get-ChildItem $cached -Filter *.txt | Protect-KmsData -KeyId $Key.KeyId -Algorithm $Algorithm -DataKeyCache
        $after = $CountsCalls ? (Get-GenerateDataKeyCount) : 0

        @($out).Count | Should -Be 20
        if ($CountsCalls) {
            $middle - $before | Should -Be 20
            $after - $middle | Should -Be 1
        }
        Assert-AllDecrypt $plain | Should -Be 20
        Assert-AllDecrypt $cached | Should -Be 20
    }

    It 'makes a new data key after -DataKeyCacheMaxMessages messages' -Skip:(-not $CountsCalls) {
        Disconnect-Kms; Connect-TestKms
        $folder = New-SmallFiles 'max-messages' 10
        $before = Get-GenerateDataKeyCount
        Get-ChildItem $folder -Filter *.txt | Protect-KmsData -KeyId $Key.KeyId -DataKeyCache -DataKeyCacheMaxMessages 4 | Out-Null
        (Get-GenerateDataKeyCount) - $before | Should -Be 3
        Assert-AllDecrypt $folder | Should -Be 10
    }

    It 'makes a new data key once -DataKeyCacheMaxBytes would be passed' -Skip:(-not $CountsCalls) {
        Disconnect-Kms; Connect-TestKms
        $before = Get-GenerateDataKeyCount
        $messages = 1..6 | ForEach-Object { Protect-KmsData -KeyId $Key.KeyId -Envelope -Value ('x' * 100) -DataKeyCache -DataKeyCacheMaxBytes 200 }
        (Get-GenerateDataKeyCount) - $before | Should -Be 3
        $messages | ForEach-Object { Unprotect-KmsData -Envelope -Ciphertext $_ -KeyId $Key.Arn -AsPlainText } | Should -Be (@('x' * 100) * 6)
    }

    It 'keeps messages of different encryption contexts on different data keys' -Skip:(-not $CountsCalls) {
        Disconnect-Kms; Connect-TestKms
        $before = Get-GenerateDataKeyCount
        foreach ($tenant in 'a', 'b', 'a', 'b') {
            Protect-KmsData -KeyId $Key.KeyId -Envelope -Value $tenant -EncryptionContext @{ tenant = $tenant } -DataKeyCache | Out-Null
        }
        (Get-GenerateDataKeyCount) - $before | Should -Be 2
    }

    It 'takes -DataKeyCacheMaxAge as seconds or a TimeSpan, and says when a data key was reused' {
        Disconnect-Kms; Connect-TestKms
        Protect-KmsData -KeyId $Key.KeyId -Envelope -Value 'one' -DataKeyCache -DataKeyCacheMaxAge 60 | Out-Null
        $verbose = Protect-KmsData -KeyId $Key.KeyId -Envelope -Value 'two' -DataKeyCache -DataKeyCacheMaxAge ([timespan]::FromMinutes(1)) -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose -join "`n") | Should -Match 'reused from the data key cache'
    }

    It 'refuses a cache limit without -DataKeyCache' {
        { Protect-KmsData -KeyId $Key.KeyId -Envelope -Value 'x' -DataKeyCacheMaxMessages 5 } |
            Should -Throw -ErrorId 'DataKeyCacheLimitWithoutCache,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }

    It 'is offered only where messages are written, not for KMS Encrypt of a value' {
        (Get-Command Protect-KmsData).Parameters['DataKeyCache'].ParameterSets.Keys | Sort-Object | Should -Be @('Envelope', 'LiteralPath', 'Path')
    }
}
