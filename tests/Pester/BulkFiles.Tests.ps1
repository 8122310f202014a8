# Many files at once: -ThrottleLimit works on several files concurrently, and output and errors keep input order.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester bulk files'

    function New-Folder([string] $Name, [int] $Count) {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        # Large files first: with several at once, later (smaller) files finish first and must still come out in order.
        foreach ($i in 1..$Count) {
            $data = [byte[]]::new(($Count - $i + 1) * 20000)
            [Random]::new($i).NextBytes($data)
            [IO.File]::WriteAllBytes((Join-Path $folder ('f{0:d3}.bin' -f $i)), $data)
        }
        $folder
    }
}

Describe 'Protect-KmsData and Unprotect-KmsData -ThrottleLimit' {
    It 'writes outputs in input order with <Limit> files at once, and every output decrypts to its input' -ForEach @(
        @{ Limit = 1 }, @{ Limit = 8 }
    ) {
        $folder = New-Folder "order$Limit" 24
        $inputs = Get-ChildItem $folder -Filter *.bin | Sort-Object Name
        $hashes = $inputs | ForEach-Object { (Get-FileHash $_.FullName).Hash }

        $encrypted = $inputs | Protect-KmsData -KeyId $Key.KeyId -Algorithm 0x0478 -ThrottleLimit $Limit
        $encrypted.Name | Should -Be ($inputs | ForEach-Object { "$($_.Name).encrypted" })

        $inputs | Remove-Item
        $decrypted = $encrypted | Unprotect-KmsData -KeyId $Key.Arn -ThrottleLimit $Limit
        $decrypted.Name | Should -Be $inputs.Name
        ($decrypted | ForEach-Object { (Get-FileHash $_.FullName).Hash }) | Should -Be $hashes
    }

    It 'keeps an error in its place among the outputs' {
        $folder = New-Folder 'errors' 3
        $files = @('f001.bin', 'missing.bin', 'f002.bin', 'f003.bin') | ForEach-Object { Join-Path $folder $_ }
        $all = Protect-KmsData -KeyId $Key.KeyId -LiteralPath $files -ThrottleLimit 4 -ErrorAction Continue 2>&1
        $all.Count | Should -Be 4
        $all[0].Name | Should -Be 'f001.bin.encrypted'
        $all[1] | Should -BeOfType ([Management.Automation.ErrorRecord])
        $all[1].TargetObject | Should -Match 'missing\.bin'
        $all[2].Name, $all[3].Name | Should -Be 'f002.bin.encrypted', 'f003.bin.encrypted'
    }

    It 'works on one file named twice one after the other, never both at once' {
        $folder = New-Folder 'twice' 1
        $file = Join-Path $folder 'f001.bin'
        $out = Protect-KmsData -KeyId $Key.KeyId -LiteralPath $file, $file -Force -ThrottleLimit 4
        $out.Count | Should -Be 2
        $expected = (Get-FileHash $file).Hash
        Remove-Item $file
        Unprotect-KmsData -KeyId $Key.Arn -LiteralPath "$file.encrypted" | Out-Null
        (Get-FileHash $file).Hash | Should -Be $expected
        Get-ChildItem $folder -Force | Where-Object Name -match '\.tmp' | Should -BeNullOrEmpty
    }

    It 're-encrypts many files in place at once with Update-KmsCiphertext' {
        $folder = New-Folder 'update' 6
        $other = New-KmsKey -Description 'pester bulk files, second'
        $encrypted = Get-ChildItem $folder -Filter *.bin | Protect-KmsData -KeyId $Key.KeyId -Algorithm 0x0478
        $updated = $encrypted | Update-KmsCiphertext -SourceKeyId $Key.Arn -DestinationKeyId $other.KeyId -ThrottleLimit 6
        $updated.FullName | Should -Be $encrypted.FullName
        Get-ChildItem $folder -Filter *.bin | Remove-Item
        $updated | Unprotect-KmsData -KeyId $other.Arn -ErrorVariable failures | Out-Null
        $failures | Should -BeNullOrEmpty
        (Get-ChildItem $folder -Filter *.bin).Count | Should -Be 6
    }

    It 'refuses a -ThrottleLimit of <Limit>' -ForEach @(@{ Limit = 0 }, @{ Limit = 65 }) {
        { Protect-KmsData -KeyId $Key.KeyId -Path (Join-Path $TestDrive '*.none') -ThrottleLimit $Limit } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
    }
}

Describe 'progress over many files' {
    It 'shows one overall bar for all the files of a pipeline, ending Completed with every file and byte counted' {
        $folder = New-Folder 'progress' 5
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Helpers, $Folder, $KeyId)
                . $Helpers
                Import-Module $ModulePath
                Connect-TestKms
                $ProgressPreference = 'Continue'
                Get-ChildItem $Folder -File | Protect-KmsData -KeyId $KeyId -Algorithm 0x0478 -ThrottleLimit 2
            }).AddArgument((Join-Path $PSScriptRoot 'TestHelpers.ps1')).AddArgument($folder.FullName).AddArgument($Key.KeyId)
            $output = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $output.Count | Should -Be 5
            $overall = @($ps.Streams.Progress | Where-Object Activity -eq 'Encrypting files')
        }
        finally { $ps.Dispose() }
        $overall | Should -Not -BeNullOrEmpty
        @($overall.ActivityId | Sort-Object -Unique).Count | Should -Be 1
        $overall[-1].RecordType | Should -Be 'Completed'
        $overall[-1].PercentComplete | Should -Be 100
        # 100000 + 80000 + 60000 + 40000 + 20000 bytes.
        $overall[-1].StatusDescription | Should -Match '^5 of 5 files, 293[.,]0 KiB of 293[.,]0 KiB$'
        $done = $overall | ForEach-Object { [int]($_.StatusDescription -replace ' of .*') }
        $done | Should -Be ($done | Sort-Object)
    }
}
