# Files and -Envelope: the AWS Encryption SDK message format through Protect-KmsData and Unprotect-KmsData.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester files'
    $script:Second = New-KmsKey -Description 'pester files second'
    $script:Stranger = New-KmsKey -Description 'pester files stranger'

    function New-TestFile([string] $Name, [int] $Bytes) {
        $path = Join-Path $TestDrive $Name
        $data = [byte[]]::new($Bytes)
        [Random]::new($Bytes).NextBytes($data)
        [IO.File]::WriteAllBytes($path, $data)
        Get-Item $path
    }

    function Get-LeftOvers([string] $Folder) {
        Get-ChildItem $Folder -Force | Where-Object Name -match '\.tmp|~'
    }
}

Describe 'Protect-KmsData -Path and Unprotect-KmsData -Path' {
    It 'round-trips a file through <file>.encrypted and back' {
        $file = New-TestFile 'report.bin' 100000
        $encrypted = Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName
        $encrypted | Should -BeOfType ([IO.FileInfo])
        $encrypted.FullName | Should -Be "$($file.FullName).encrypted"
        Remove-Item $file.FullName
        $decrypted = Unprotect-KmsData -Path $encrypted.FullName -KeyId $Key.Arn
        $decrypted.FullName | Should -Be $file.FullName
        (Get-FileHash $decrypted.FullName).Hash | Should -Be (Get-FileHash (New-TestFile 'again.bin' 100000).FullName).Hash
    }

    It 'takes FileInfo objects from the pipeline' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'csv')
        1..3 | ForEach-Object { Set-Content (Join-Path $folder "data$_.csv") "a,b`n$_,x" }
        $out = Get-ChildItem $folder -Filter *.csv | Protect-KmsData -KeyId $Key.KeyId -Algorithm 0x0478
        $out.Name | Should -Be @('data1.csv.encrypted', 'data2.csv.encrypted', 'data3.csv.encrypted')
        Remove-Item (Join-Path $folder '*.csv')
        Get-ChildItem $folder -Filter *.encrypted | Unprotect-KmsData -Discovery | Out-Null
        Get-Content (Join-Path $folder 'data2.csv') -Raw | Should -Be "a,b`n2,x`n"
    }

    It 'takes piped FileInfo objects with several keys: one encrypted data key per key, not KMS Encrypt' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'two-keys-piped')
        1..2 | ForEach-Object { Set-Content (Join-Path $folder "part$_.csv") "x,$_" }
        $out = Get-ChildItem $folder -Filter *.csv | Protect-KmsData -KeyId $Key.KeyId, $Second.Arn
        $out.Name | Should -Be @('part1.csv.encrypted', 'part2.csv.encrypted')
        $plain = Unprotect-KmsData -LiteralPath $out[1].FullName -KeyId $Second.Arn -OutFile (Join-Path $TestDrive 'part2.dec')
        Get-Content $plain.FullName -Raw | Should -Be "x,2`n"
    }

    It 'refuses several keys for a piped value before any call (KMS Encrypt uses one key)' {
        { 'a secret' | Protect-KmsData -KeyId $Key.KeyId, $Second.Arn } |
            Should -Throw -ErrorId 'KeyIdTooMany,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }

    It 'says the suite, frame length and keys with -Verbose' {
        $file = New-TestFile 'verbose.bin' 10
        $verbose = Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName -FrameLength 1024 -Algorithm Aes256GcmHkdfSha512CommitKey -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose -join "`n") | Should -Match 'suite 0x0478'
        ($verbose -join "`n") | Should -Match 'frame length 1024'
        ($verbose -join "`n") | Should -Match ([regex]::Escape($Key.Arn))
    }

    It 'gives one encrypted data key per key, and decrypts with any of them in strict mode' {
        $file = New-TestFile 'two-keys.bin' 5000
        $encrypted = Protect-KmsData -KeyId $Key.KeyId, $Second.Arn -Path $file.FullName -OutFile (Join-Path $TestDrive 'two.enc')
        $out = Unprotect-KmsData -Path $encrypted.FullName -KeyId $Second.Arn -OutFile (Join-Path $TestDrive 'two.dec')
        (Get-FileHash $out.FullName).Hash | Should -Be (Get-FileHash $file.FullName).Hash
    }

    It 'never overwrites without -Force, and says to add it' {
        $file = New-TestFile 'exists.bin' 100
        $encrypted = Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName
        $before = (Get-FileHash $encrypted.FullName).Hash
        Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'DestinationExists,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].Exception.Message | Should -Match 'exists: add -Force'
        $failures[0].Exception.Message | Should -Match '-OutFile or -DestinationPath'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        (Get-FileHash $encrypted.FullName).Hash | Should -Be $before
        Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName -Force | Should -Not -BeNullOrEmpty
        (Get-FileHash $encrypted.FullName).Hash | Should -Not -Be $before
    }

    It 'writes nothing with -WhatIf' {
        $file = New-TestFile 'whatif.bin' 100
        Protect-KmsData -KeyId $Key.KeyId -Path $file.FullName -WhatIf
        "$($file.FullName).encrypted" | Should -Not -Exist
    }

}

Describe '-OutFile and -DestinationPath' {
    BeforeEach {
        $script:Inputs = New-Item -ItemType Directory (Join-Path $TestDrive "in-$([guid]::NewGuid().ToString('n'))")
        'a', 'b', 'c' | ForEach-Object { Set-Content (Join-Path $Inputs "$_.txt") "data $_" }
        $script:Out = New-Item -ItemType Directory (Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('n'))")
    }

    It 'refuses several inputs with -OutFile in one clear error, having written nothing (<Case>)' -ForEach @(
        @{ Case = 'wildcards'; Run = { Protect-KmsData -KeyId $Key.KeyId -Path (Join-Path $Inputs '*.txt') -OutFile (Join-Path $Out 'one.enc') } }
        @{ Case = 'piped files'; Run = { Get-ChildItem $Inputs -File | Protect-KmsData -KeyId $Key.KeyId -OutFile (Join-Path $Out 'one.enc') } }
        @{ Case = 'Unprotect-KmsData'; Run = { Unprotect-KmsData -Discovery -LiteralPath (Get-ChildItem $Inputs -File).FullName -OutFile (Join-Path $Out 'one') } }
        @{ Case = 'Update-KmsCiphertext'; Run = { Update-KmsCiphertext -Path (Join-Path $Inputs '*') -Discovery -DestinationKeyId $Key.KeyId -OutFile (Join-Path $Out 'one') } }
    ) {
        $before = Get-ChildItem $Inputs -Force | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" }
        $thrown = $Run | Should -Throw -ErrorId 'OutFileWithManyInputs,KmsPowerShell.Commands.Data.*' -PassThru
        $thrown.Exception.Message | Should -Match '-DestinationPath'
        Get-ChildItem $Out -Force | Should -BeNullOrEmpty
        Get-ChildItem $Inputs -Force | ForEach-Object { "$($_.Name) $((Get-FileHash $_.FullName).Hash)" } | Should -Be $before
    }

    It 'writes each output into -DestinationPath under its default name, for wildcards and piped files' {
        $wild = Protect-KmsData -KeyId $Key.KeyId -Path (Join-Path $Inputs '*.txt') -DestinationPath $Out -Algorithm 0x0478
        $wild.FullName | Should -Be ('a', 'b', 'c' | ForEach-Object { Join-Path $Out "$_.txt.encrypted" })
        Get-ChildItem $Inputs -Filter *.encrypted | Should -BeNullOrEmpty

        $back = New-Item -ItemType Directory (Join-Path $Out 'back')
        $decrypted = Get-ChildItem $Out -Filter *.encrypted | Unprotect-KmsData -KeyId $Key.Arn -DestinationPath $back
        $decrypted.Name | Should -Be 'a.txt', 'b.txt', 'c.txt'
        Get-Content (Join-Path $back 'b.txt') | Should -Be 'data b'

        $moved = New-Item -ItemType Directory (Join-Path $Out 'moved')
        $updated = $wild | Update-KmsCiphertext -SourceKeyId $Key.Arn -DestinationKeyId $Second.KeyId -DestinationPath $moved
        $updated.FullName | Should -Be ('a', 'b', 'c' | ForEach-Object { Join-Path $moved "$_.txt.encrypted" })
        Unprotect-KmsData -LiteralPath $updated[0].FullName -KeyId $Second.Arn -OutFile (Join-Path $back 'a2.txt') | Get-Content | Should -Be 'data a'
    }

    It 'refuses the second of two inputs that would write one output, before it writes' {
        $other = New-Item -ItemType Directory (Join-Path $Inputs 'other')
        Set-Content (Join-Path $other 'a.txt') 'other a'
        $first = Protect-KmsData -KeyId $Key.KeyId -LiteralPath (Join-Path $Inputs 'a.txt') -OutFile (Join-Path $TestDrive 'first-a.enc')
        $all = Get-Item (Join-Path $Inputs 'a.txt'), (Join-Path $other 'a.txt') |
            Protect-KmsData -KeyId $Key.KeyId -DestinationPath $Out -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $all.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'DestinationClash,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        $failures[0].TargetObject | Should -Be (Join-Path $other 'a.txt')
        Unprotect-KmsData -LiteralPath $all.FullName -KeyId $Key.Arn -OutFile (Join-Path $TestDrive 'clash.txt') | Get-Content | Should -Be 'data a'
        $first | Should -Exist
    }

    It 'refuses <Case> before any file' -ForEach @(
        @{ Case = 'a -DestinationPath that is not a folder'; ErrorId = 'DestinationPathNotFound'; Arguments = { @{ DestinationPath = (Join-Path $TestDrive 'no-such-folder') } } }
        @{ Case = '-OutFile with -DestinationPath'; ErrorId = 'OutputPathConflict'; Arguments = { @{ DestinationPath = $Out; OutFile = (Join-Path $Out 'x') } } }
    ) {
        $arguments = & $Arguments
        { Protect-KmsData -KeyId $Key.KeyId -Path (Join-Path $Inputs '*.txt') @arguments } |
            Should -Throw -ErrorId "$ErrorId,KmsPowerShell.Commands.Data.ProtectKmsDataCommand"
        Get-ChildItem $Out -Force | Should -BeNullOrEmpty
        Get-ChildItem $Inputs -Filter *.encrypted | Should -BeNullOrEmpty
        Join-Path $TestDrive 'no-such-folder' | Should -Not -Exist
    }
}

Describe 'bad input leaves nothing behind' {
    BeforeAll {
        $script:Folder = New-Item -ItemType Directory (Join-Path $TestDrive 'bad')
        $script:Plain = Join-Path $Folder 'secret.bin'
        [IO.File]::WriteAllBytes($Plain, [byte[]](1..200))
        $script:Message = (Protect-KmsData -KeyId $Key.KeyId -Path $Plain -EncryptionContext @{ purpose = 'pester' }).FullName
        Remove-Item $Plain
    }

    AfterEach {
        $Plain | Should -Not -Exist
        Get-LeftOvers $Folder | Should -BeNullOrEmpty
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a key it was not encrypted under (strict)'; Arguments = { @{ KeyId = $Stranger.Arn } }; ErrorId = 'NoDecryptableKey' }
        @{ Case = 'a missing required context pair'; Arguments = { @{ Discovery = $true; EncryptionContext = @{ purpose = 'other' } } }; ErrorId = 'EncryptionContextMismatch' }
        @{ Case = 'a discovery filter of another account'; Arguments = { @{ Discovery = $true; DiscoveryAccount = '999999999999' } }; ErrorId = 'NoDecryptableKey' }
    ) {
        $arguments = & $Arguments
        Unprotect-KmsData -Path $Message @arguments -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand"
    }

    It 'refuses a message with one byte flipped at <Offset>' -ForEach @(@{ Offset = 1 }, @{ Offset = 40 }, @{ Offset = -120 }, @{ Offset = -1 }) {
        $bytes = [IO.File]::ReadAllBytes($Message)
        $at = $Offset -lt 0 ? $bytes.Length + $Offset : $Offset
        $bytes[$at] = $bytes[$at] -bxor 0x55
        $tampered = Join-Path $Folder 'tampered.bin.encrypted'
        [IO.File]::WriteAllBytes($tampered, $bytes)
        Unprotect-KmsData -Path $tampered -Discovery -OutFile $Plain -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        Remove-Item $tampered
    }

    It 'refuses a truncated message' {
        $bytes = [IO.File]::ReadAllBytes($Message)
        $truncated = Join-Path $Folder 'short.bin.encrypted'
        [IO.File]::WriteAllBytes($truncated, $bytes[0..($bytes.Length - 30)])
        Unprotect-KmsData -Path $truncated -Discovery -OutFile $Plain -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Match '^Message(Malformed|Tampered)|^SignatureInvalid'
        Remove-Item $truncated
    }

    It 'reports a missing file and a directory' {
        Unprotect-KmsData -LiteralPath (Join-Path $Folder 'none.encrypted') -Discovery -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        Protect-KmsData -KeyId $Key.KeyId -LiteralPath $Folder -ErrorVariable directory -ErrorAction SilentlyContinue
        $directory[0].FullyQualifiedErrorId | Should -Be 'PathIsDirectory,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }

    It 'reports a destination folder that does not exist' {
        Unprotect-KmsData -Path $Message -Discovery -OutFile (Join-Path $Folder 'no/such/dir/out.bin') -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'DirectoryNotFound,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
    }

    It 'refuses a disabled key' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        # moto decrypts with disabled keys.
        $Key | Disable-KmsKey
        try {
            Unprotect-KmsData -Path $Message -KeyId $Key.Arn -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'KeyDisabled,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        }
        finally { $Key | Enable-KmsKey }
    }

    It 'needs -KeyId or -Discovery for messages, and says how to give them' {
        $neither = { Unprotect-KmsData -Path $Message } | Should -Throw -ErrorId 'DecryptKeysInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand' -PassThru
        $neither.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $neither.Exception.Message | Should -Match 'Name the keys that may decrypt the message with -KeyId, or add -Discovery'
        $both = { Unprotect-KmsData -Path $Message -KeyId $Key.Arn -Discovery } | Should -Throw -ErrorId 'DecryptKeysInvalid,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand' -PassThru
        $both.Exception.Message | Should -Match '-KeyId and -Discovery exclude each other'
    }
}

Describe 'Protect-KmsData -Envelope' {
    It 'round-trips a value over 4096 bytes in memory, base64 by default' {
        $big = 'x' * 200000
        $message = Protect-KmsData -Envelope -KeyId $Key.KeyId -Value $big -EncryptionContext @{ app = 'pester' }
        $message | Should -BeOfType ([string])
        Unprotect-KmsData -Envelope -Ciphertext $message -KeyId $Key.Arn -EncryptionContext @{ app = 'pester' } -AsPlainText | Should -BeExactly $big
    }

    It 'takes bytes, and never takes piped strings as paths' {
        $bytes = [byte[]](0..255)
        $message = Protect-KmsData -Envelope -KeyId $Key.KeyId -Value $bytes -AsByteArray
        $back = Unprotect-KmsData -Envelope -Ciphertext $message -Discovery -AsByteArray
        $back | Should -Be $bytes
        'not-a-file.txt' | Protect-KmsData -KeyId $Key.KeyId | Unprotect-KmsData -AsPlainText | Should -Be 'not-a-file.txt'
    }

    It 'takes the algorithm suite id as text' {
        $message = Protect-KmsData -Envelope -KeyId $Key.KeyId -Value 'suite' -Algorithm '0x0478'
        $verbose = Unprotect-KmsData -Envelope -Ciphertext $message -KeyId $Key.Arn -AsPlainText -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose -join "`n") | Should -Match 'suite 0x0478 \(Aes256GcmHkdfSha512CommitKey\)'
    }

    It 'refuses caller context keys that start with aws-crypto-' {
        Protect-KmsData -Envelope -KeyId $Key.KeyId -Value 'x' -EncryptionContext @{ 'aws-crypto-public-key' = 'x' } -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'EncryptionContextInvalid,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }
}

Describe 'messages with many encrypted data keys' {
    BeforeAll {
        # The in-process local KMS counts requests per operation.
        $script:CountsCalls = $Backend -eq 'local' -and -not $env:KMSPS_TEST_VIA_SERVER
        function Get-DecryptCount {
            $localKms = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.LocalKms' } | Select-Object -First 1
            $localKms.GetType('KmsPowerShell.LocalKms.LocalKmsRegistry')::Get($null).Service.CallCount('Decrypt')
        }
        # Eleven encrypted data keys, one more than the default limit: the same key eleven times is a valid message.
        $script:Eleven = Protect-KmsData -Envelope -KeyId (@($Key.Arn) * 11) -Value 'eleven keys'
        $script:ElevenFile = Join-Path $TestDrive 'eleven.txt.encrypted'
        [IO.File]::WriteAllBytes($ElevenFile, [Convert]::FromBase64String($Eleven))
    }

    It 'refuses more than 10 by default with a clear error and no KMS call (<Form>)' -ForEach @(
        @{ Form = '-Envelope'; Run = { Unprotect-KmsData -Envelope $Eleven -KeyId $Key.Arn -AsPlainText -ErrorAction Continue } }
        @{ Form = '-Path'; Run = { Unprotect-KmsData -Path $ElevenFile -KeyId $Key.Arn -ErrorAction Continue } }
        @{ Form = 'Update-KmsCiphertext -Path'; Run = { Update-KmsCiphertext -Path $ElevenFile -SourceKeyId $Key.Arn -DestinationKeyId $Second.Arn -ErrorAction Continue } }
    ) {
        $before = $CountsCalls ? (Get-DecryptCount) : 0
        $all = & $Run 2>&1
        if ($CountsCalls) { (Get-DecryptCount) - $before | Should -Be 0 }
        $all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        $failures = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TooManyEncryptedDataKeys,*'
        $failures[0].Exception.Message | Should -Be 'The message has 11 encrypted data keys; the limit is 10. Nothing was decrypted and no KMS call was made.'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'raise the limit with -MaxEncryptedDataKeys'
        Test-Path (Join-Path $TestDrive 'eleven.txt') | Should -BeFalse
    }

    It '-MaxEncryptedDataKeys lifts the limit' {
        Unprotect-KmsData -Envelope $Eleven -KeyId $Key.Arn -AsPlainText -MaxEncryptedDataKeys 11 | Should -BeExactly 'eleven keys'
        (Unprotect-KmsData -Path $ElevenFile -KeyId $Key.Arn -MaxEncryptedDataKeys 11 -OutFile (Join-Path $TestDrive 'eleven.out') | Get-Content -Raw) | Should -BeExactly 'eleven keys'
    }

    # moto does not refuse a disabled key's Decrypt.
    It 'sums up keys that all fail in one short error' -Skip:($env:KMSPS_TEST_BACKEND -eq 'moto') {
        $doomed = New-KmsKey -Description 'pester files doomed'
        $message = Protect-KmsData -Envelope -KeyId (@($doomed.Arn) * 11) -Value 'x'
        Disable-KmsKey $doomed.Arn -Confirm:$false
        Unprotect-KmsData -Envelope $message -Discovery -MaxEncryptedDataKeys 11 -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KeyDisabled,*'
        $failures[0].Exception.Message | Should -Match "^No encrypted data key could be decrypted: tried 11 of the message's 11 encrypted data keys \(11 DisabledException\); first: "
        $failures[0].Exception.Message.Length | Should -BeLessThan 400
    }
}

Describe 'Update-KmsCiphertext on message files' {
    It 're-encrypts a message in place under another key, keeping its context' {
        $plain = New-TestFile 'rotate.bin' 70000
        $message = Protect-KmsData -KeyId $Key.Arn -Path $plain.FullName -EncryptionContext @{ tier = 'gold' }
        $updated = Update-KmsCiphertext -Path $message.FullName -SourceKeyId $Key.Arn -DestinationKeyId $Second.Arn
        $updated.FullName | Should -Be $message.FullName
        Unprotect-KmsData -Path $message.FullName -KeyId $Key.Arn -OutFile "$($plain.FullName).old" -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures[0].FullyQualifiedErrorId | Should -Be 'NoDecryptableKey,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        $back = Unprotect-KmsData -Path $message.FullName -KeyId $Second.Arn -EncryptionContext @{ tier = 'gold' } -OutFile "$($plain.FullName).new"
        (Get-FileHash $back.FullName).Hash | Should -Be (Get-FileHash $plain.FullName).Hash
    }

    It 'leaves a damaged message as it was, and writes nothing' {
        $plain = New-TestFile 'rotate-bad.bin' 5000
        $message = Protect-KmsData -KeyId $Key.Arn -Path $plain.FullName
        $bytes = [IO.File]::ReadAllBytes($message.FullName)
        $bytes[-200] = $bytes[-200] -bxor 1
        [IO.File]::WriteAllBytes($message.FullName, $bytes)
        $before = (Get-FileHash $message.FullName).Hash
        Update-KmsCiphertext -Path $message.FullName -Discovery -DestinationKeyId $Second.Arn -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        (Get-FileHash $message.FullName).Hash | Should -Be $before
        Get-ChildItem (Split-Path $message.FullName) -Force | Where-Object Name -like '.rotate-bad*' | Should -BeNullOrEmpty
    }
}
