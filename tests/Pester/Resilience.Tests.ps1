# Faults: retries absorb throttling and 500s; a stopped endpoint or a killed process leaves nothing half-written behind.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
}

Describe 'retries through a faulty KMS' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $script:Folder = New-Item -ItemType Directory (Join-Path $TestDrive 'bulk')
        # 100 files meet some 30 faults; tests/Bench/Test-FaultyKmsAtScale.ps1 runs the same case over 1000.
        1..100 | ForEach-Object { Set-Content (Join-Path $Folder "file$_.txt") "content $_" }
        Connect-Kms -Local -MaxAttempts 10
        $script:Key = New-KmsKey -Description 'pester faults'
    }

    AfterAll {
        Set-KmsLocalFault
    }

    It 'protects every file with 20% throttling and 5% 500s, and every output decrypts' {
        Set-KmsLocalFault -ThrottleRate 0.2 -InternalErrorRate 0.05 -Seed 7
        # The SDK backs off for seconds after a throttle: many files at once keep the run short while some wait.
        $written = Get-ChildItem $Folder -Filter *.txt | Protect-KmsData -KeyId $Key.KeyId -ThrottleLimit 32 -ErrorVariable failures
        Set-KmsLocalFault
        $failures | Should -BeNullOrEmpty
        $written.Count | Should -Be 100
        $written[-1].Name | Should -Be 'file99.txt.encrypted' -Because 'output keeps the input order'
        Get-ChildItem $Folder -Filter *.txt | Remove-Item
        Get-ChildItem $Folder -Filter *.encrypted | Unprotect-KmsData -KeyId $Key.Arn -ErrorVariable decryptFailures | Out-Null
        $decryptFailures | Should -BeNullOrEmpty
        (Get-ChildItem $Folder -Filter *.txt).Count | Should -Be 100
        Get-Content (Join-Path $Folder 'file42.txt') | Should -Be 'content 42'
    }

    It 'reports each file that fails when the endpoint stops mid-run, and leaves nothing behind for it' {
        Set-KmsLocalFault
        $server = Start-KmsLocalServer
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'stopped')
        1..60 | ForEach-Object { Set-Content (Join-Path $folder "item$_.txt") "item $_" }
        Connect-Kms -EndpointUrl $server.Endpoint -Region us-east-1 -MaxAttempts 2
        $written = 0
        $out = Get-ChildItem $folder -Filter *.txt | Protect-KmsData -KeyId $Key.KeyId -Algorithm 0x0478 -ThrottleLimit 4 -ErrorVariable failures -ErrorAction SilentlyContinue |
            ForEach-Object { if (++$written -eq 10) { Stop-KmsLocalServer -Port $server.Port }; $_ }
        $out.Count | Should -BeGreaterOrEqual 10
        $failures.Count | Should -BeGreaterThan 0 -Because 'the endpoint stopped before the last files'
        $out.Count + $failures.Count | Should -Be 60 -Because 'every file either has its output or its error'
        $failures | ForEach-Object { $_.TargetObject | Should -Match 'item\d+\.txt$' }
        foreach ($failure in $failures) { "$($failure.TargetObject).encrypted" | Should -Not -Exist }
        Get-ChildItem $folder -Force | Where-Object Name -match '\.tmp' | Should -BeNullOrEmpty
        (Get-ChildItem $folder -Filter *.encrypted).Count | Should -Be $out.Count
        Connect-Kms -Local -MaxAttempts 10
        $out | ForEach-Object { Remove-Item ($_.FullName -replace '\.encrypted$') }
        $out | Unprotect-KmsData -KeyId $Key.Arn -ErrorVariable decryptFailures | Out-Null
        $decryptFailures | Should -BeNullOrEmpty
    }

    It 'reports each item the endpoint fails, and leaves nothing behind for it' {
        Set-KmsLocalFault -InternalErrorRate 1
        Connect-Kms -Local -MaxAttempts 2
        $file = Join-Path $Folder 'doomed.bin'
        Set-Content $file 'x'
        Protect-KmsData -KeyId $Key.KeyId -Path $file -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceError,KmsPowerShell.Commands.Data.ProtectKmsDataCommand'
        "$file.encrypted" | Should -Not -Exist
        Get-ChildItem $Folder -Force | Where-Object Name -match 'doomed.*\.tmp' | Should -BeNullOrEmpty
    }
}

Describe 'a local KMS state file when its process is killed' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    It 'keeps every key saved before the kill, and the next process uses the file' {
        $state = Join-Path $TestDrive 'killed/kms-state.json'
        $script = Join-Path $TestDrive 'make-keys.ps1'
        $acknowledged = Join-Path $TestDrive 'acknowledged.txt'
        # One line per key New-KmsKey has returned: each was saved (and flushed to disk) before it was answered.
        Set-Content $script "Import-Module '$ModulePath'; Connect-Kms -Local -LocalStatePath '$state'; while (`$true) { `$null = New-KmsKey -Description 'before the kill'; Add-Content '$acknowledged' 'key' }"
        $process = [Diagnostics.Process]::Start($Pwsh, @('-NoProfile', '-NonInteractive', '-File', $script))
        try {
            $saved = 0
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($saved -lt 25 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
                if (Test-Path $acknowledged) { $saved = @(Get-Content $acknowledged).Count }
            }
            $saved | Should -BeGreaterOrEqual 25 -Because 'the child process must have made keys before the kill'
        }
        finally {
            $process.Kill()   # SIGKILL: no finally block, no disposal, no lock file removed
            $process.WaitForExit()
        }
        $saved = @(Get-Content $acknowledged).Count
        $result = Invoke-FreshPwsh @"
Import-Module '$ModulePath'
Connect-Kms -Local -LocalStatePath '$state'
`$keys = @(Get-KmsKey)
`$secret = Protect-KmsData -KeyId `$keys[0].KeyId -Value 'after the kill'
"{0} {1}" -f `$keys.Count, (Unprotect-KmsData `$secret -AsPlainText)
"@
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $count, $text = $result.Output.Trim() -split ' ', 2
        [int]$count | Should -BeGreaterOrEqual $saved
        $text | Should -Be 'after the kill'
    }
}

Describe 'a local KMS state file on a full disk' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        $script:Mount = (New-Item -ItemType Directory (Join-Path $TestDrive 'full-disk')).FullName
        $script:Mounted = $false
        # A real full disk: a 64 KiB tmpfs, which only root may mount.
        $script:NoDisk = if (-not $IsLinux) { 'a small tmpfs needs Linux' }
        elseif ((id -u) -ne '0') { 'mounting a small tmpfs needs root, and these tests do not run as root here' }
        else {
            $null = & mount -t tmpfs -o size=64k tmpfs $Mount 2>&1
            if ($LASTEXITCODE -eq 0) { $script:Mounted = $true; $null } else { 'mount -t tmpfs was refused (a container without CAP_SYS_ADMIN)' }
        }
        function Get-LocalKmsService([string] $StatePath) {
            $localKms = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'KmsPowerShell.LocalKms' } | Select-Object -First 1
            $localKms.GetType('KmsPowerShell.LocalKms.LocalKmsRegistry')::Find($StatePath).Service
        }
    }

    AfterAll {
        if ($Mounted) {
            Disconnect-Kms -ErrorAction Ignore
            $null = & umount $Mount 2>&1
            if ($LASTEXITCODE -ne 0) { $null = & umount -l $Mount 2>&1 }
        }
    }

    It 'answers a New-KmsKey it cannot save with one clear error, and the key exists nowhere' {
        if ($NoDisk) { Set-ItResult -Skipped -Because $NoDisk; return }
        $state = Join-Path $Mount 'state.json'
        Connect-Kms -Local -LocalStatePath $state
        $made = @((New-KmsKey -Description 'saved').KeyId)
        $filler = [IO.FileStream]::new((Join-Path $Mount 'filler'), 'CreateNew', 'Write', 'None', 1)
        try { $chunk = [byte[]]::new(4096); while ($true) { $filler.Write($chunk, 0, $chunk.Length) } }
        catch [IO.IOException] { }
        finally { $filler.Dispose() }
        $service = Get-LocalKmsService $state

        # The journal's last page may still hold a record or two: create until the disk refuses.
        $failure = $null
        for ($i = 0; $i -lt 20 -and -not $failure; $i++) {
            $service.ResetCallCounts()
            $key = New-KmsKey -Description 'maybe' -ErrorVariable failed -ErrorAction SilentlyContinue
            if ($key) { $made += $key.KeyId } else { $failure = $failed[0] }
        }

        $failure | Should -Not -BeNullOrEmpty -Because 'a full disk must refuse a change'
        $failure.FullyQualifiedErrorId | Should -Be 'LocalStateNotSaved,KmsPowerShell.Commands.Keys.NewKmsKeyCommand'
        $failure.Exception.Message | Should -BeLike "*state file '$state'*No space left on device*The change was not made.*"
        $service.CallCount('CreateKey') | Should -Be 1 -Because 'the SDK must not retry it'
        @(Get-KmsKey).KeyId | Sort-Object | Should -Be ($made | Sort-Object)

        Remove-Item (Join-Path $Mount 'filler')
        $made += (New-KmsKey -Description 'after space was freed').KeyId
        Disconnect-Kms
        Connect-Kms -Local -LocalStatePath $state
        @(Get-KmsKey).KeyId | Sort-Object | Should -Be ($made | Sort-Object)
    }
}

Describe 'a local KMS state file other users can read' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local' -or $IsWindows) {
    It 'is made readable by its owner only, with a warning from <Command>' -ForEach @(
        @{ Command = 'Connect-Kms' }
        @{ Command = 'Start-KmsLocalServer' }
    ) {
        $state = Join-Path $TestDrive "readable-$Command/state.json"
        Connect-Kms -Local -LocalStatePath $state
        $null = New-KmsKey -Description 'readable'
        Disconnect-Kms
        & chmod 644 $state
        if ($Command -eq 'Connect-Kms') {
            Connect-Kms -Local -LocalStatePath $state -WarningVariable warnings -WarningAction SilentlyContinue
            Disconnect-Kms
        }
        else {
            $server = Start-KmsLocalServer -LocalStatePath $state -WarningVariable warnings -WarningAction SilentlyContinue
            Stop-KmsLocalServer -Port $server.Port
        }
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "The local KMS state file '$state' could be read by other users (mode 0644)*"
        (Get-Item $state).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
    }
}
