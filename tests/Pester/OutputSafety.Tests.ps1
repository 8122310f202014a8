# Where message outputs go and what is left when things go wrong: a device or FIFO as -OutFile is written, never
# replaced; -VerifyOnly writes nothing; a process ended mid-file (SIGTERM, SIGKILL) leaves nothing but its inputs;
# file errors name the user's destination with a documented ErrorId.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force
    Connect-TestKms
    $script:Key = New-KmsKey -Description 'pester output safety'
    $script:Plain = [byte[]]::new(300000)
    [Random]::new(7).NextBytes($Plain)
    $script:Source = Join-Path $TestDrive 'source.bin'
    [IO.File]::WriteAllBytes($Source, $Plain)
    $script:Message = (Protect-KmsData -KeyId $Key.KeyId -Path $Source -OutFile (Join-Path $TestDrive 'source.bin.encrypted')).FullName
    $script:Tampered = Join-Path $TestDrive 'tampered.encrypted'
    $bytes = [IO.File]::ReadAllBytes($Message)
    $bytes[$bytes.Length - 200] = $bytes[$bytes.Length - 200] -bxor 1
    [IO.File]::WriteAllBytes($Tampered, $bytes)

    function Get-FileType([string] $Path) { (& stat -c %F $Path) }

    function Receive-Reader($Job) {
        <# A reader whose FIFO was never written, or was replaced by a file, never ends: fail rather than hang. #>
        if (-not ($Job | Wait-Job -Timeout 60)) { throw 'The FIFO reader saw no end: the FIFO was never written, or it was replaced.' }
        $Job | Receive-Job -AutoRemoveJob -Wait
    }

    function Start-FifoReader([string] $Fifo) {
        <# Reads the FIFO to its end on another thread; the result is the number of bytes and their hash. #>
        Start-ThreadJob -ArgumentList $Fifo {
            param($fifo)
            $data = [IO.File]::ReadAllBytes($fifo)
            [pscustomobject]@{ Length = $data.Length; Hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($data)) }
        }
    }
}

Describe 'a device or FIFO as -OutFile' -Skip:$IsWindows {
    It 'writes the plaintext into a device node with -Force and leaves it a device' {
        $node = Join-Path $TestDrive 'null-node'
        & mknod $node c 1 3 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'mknod needs CAP_MKNOD'; return }
        $out = Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile $node -Force
        $out.FullName | Should -Be $node
        Get-FileType $node | Should -Be 'character special file'
    }

    It 'writes into /dev/null without -Force, as a shell redirection under noclobber does, and leaves it a device' {
        $null = Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile /dev/null -ErrorAction Stop
        Get-FileType /dev/null | Should -Be 'character special file'
    }

    It 'streams the verified plaintext into a FIFO, which stays a FIFO' {
        $fifo = Join-Path $TestDrive 'plain.fifo'
        & mkfifo $fifo
        $reader = Start-FifoReader $fifo
        $null = Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile $fifo -Force
        $read = Receive-Reader $reader
        $read.Length | Should -Be $Plain.Length
        $read.Hash | Should -Be ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($Plain)))
        Get-FileType $fifo | Should -Be 'fifo'
    }

    It 'releases nothing into a FIFO from a message that does not verify' {
        $fifo = Join-Path $TestDrive 'refused.fifo'
        & mkfifo $fifo
        $reader = Start-FifoReader $fifo
        Unprotect-KmsData -KeyId $Key.KeyId -Path $Tampered -OutFile $fifo -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MessageTampered,*'
        # The command never opened the FIFO: open and close it here (sharing it with the reader), so the reader sees its end.
        [IO.FileStream]::new($fifo, 'Open', 'Write', 'ReadWrite').Dispose()
        (Receive-Reader $reader).Length | Should -Be 0
    }

    It 'streams an encrypted message into a FIFO that decrypts back' {
        $fifo = Join-Path $TestDrive 'message.fifo'
        & mkfifo $fifo
        $reader = Start-ThreadJob -ArgumentList $fifo { param($fifo) , [IO.File]::ReadAllBytes($fifo) }
        $null = Protect-KmsData -KeyId $Key.KeyId -Path $Source -OutFile $fifo
        $message = Receive-Reader $reader
        $back = Unprotect-KmsData -Envelope -Ciphertext $message -KeyId $Key.KeyId -AsByteArray
        [Convert]::ToHexString($back) | Should -Be ([Convert]::ToHexString($Plain))
        Get-FileType $fifo | Should -Be 'fifo'
    }
}

Describe 'Unprotect-KmsData -VerifyOnly' {
    It 'verifies each message, writes nothing and outputs the files that verified' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'verify')
        Copy-Item $Message, $Tampered $folder
        $before = @(Get-ChildItem -Force $folder).Name
        $verified = Get-ChildItem $folder -Filter *.encrypted | Unprotect-KmsData -KeyId $Key.KeyId -VerifyOnly -ErrorVariable failures -ErrorAction SilentlyContinue
        @($verified).Name | Should -Be 'source.bin.encrypted'
        $failures.Count | Should -Be 1
        $failures[0].TargetObject | Should -BeLike '*tampered.encrypted'
        @(Get-ChildItem -Force $folder).Name | Should -Be $before
    }

    It 'refuses -OutFile, -DestinationPath or -Force with it before any call' {
        { Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -VerifyOnly -OutFile (Join-Path $TestDrive 'never') } |
            Should -Throw -ErrorId 'OutputPathConflict,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
        { Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -VerifyOnly -Force } |
            Should -Throw -ErrorId 'OutputPathConflict,KmsPowerShell.Commands.Data.UnprotectKmsDataCommand'
    }
}

Describe 'file errors' {
    BeforeAll {
        # The documented ErrorIds (about_KmsPowerShell): every file error must use one of them.
        $about = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/en-US/about_KmsPowerShell.md')
        $script:DocumentedIds = [regex]::Matches(($about -split 'The ids include')[1].Split("`n")[0], '[A-Z][A-Za-z]+') | ForEach-Object Value
    }

    It 'names the destination, never a temporary file, when its folder cannot be written (<Name>)' -ForEach @(
        @{ Name = 'folder under a file'; OutFile = 'source.bin/under-a-file' }
        @{ Name = 'missing folder'; OutFile = 'no-such-folder/out' }
    ) {
        $destination = Join-Path $TestDrive $OutFile
        Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile $destination -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -BeLike "*'$destination'*"
        $failures[0].Exception.Message | Should -Not -Match '\.tmp'
        $failures[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeIn $DocumentedIds
    }

    It 'names the device and uses a documented id when writing to it fails (/dev/full)' -Skip:(-not $IsLinux) {
        Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile /dev/full -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.Message | Should -BeLike "*'/dev/full'*"
        $failures[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeIn $DocumentedIds
        Get-FileType /dev/full | Should -Be 'character special file'
    }

    It 'uses documented ids for an output that is a folder or exists' {
        Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile $TestDrive -ErrorVariable isFolder -ErrorAction SilentlyContinue
        Unprotect-KmsData -KeyId $Key.KeyId -Path $Message -OutFile $Source -ErrorVariable exists -ErrorAction SilentlyContinue
        $isFolder[0].FullyQualifiedErrorId.Split(',')[0] | Should -Be 'DestinationIsDirectory'
        $exists[0].FullyQualifiedErrorId.Split(',')[0] | Should -Be 'DestinationExists'
        'DestinationIsDirectory', 'DestinationExists' | Should -BeIn $DocumentedIds
    }
}

Describe 'a process ended mid-file' -Skip:(-not $IsLinux -or $env:KMSPS_TEST_BACKEND -ne 'local') {
    BeforeAll {
        function Stop-MidFile {
            <#
            A child pwsh encrypts or decrypts from a FIFO that this process feeds with the first 3 MB and then holds
            open, so the child is certainly mid-file; once it has its output open, it gets $Signal. Returns whether it
            exited and what the folder then holds besides its inputs.
            #>
            param([string] $Operation, [string] $Signal, [switch] $Named)
            $folder = New-Item -ItemType Directory (Join-Path $TestDrive "$Operation-$Signal-$([bool]$Named)")
            $fifo = Join-Path $folder 'input.fifo'
            & mkfifo $fifo
            $work = if ($Operation -eq 'decrypt') {
                "`$null = Protect-KmsData -KeyId `$k.KeyId -Path `$plain -OutFile '$folder/message' -FrameLength 1024; 'ready' | Set-Content '$folder/ready'; Unprotect-KmsData -KeyId `$k.KeyId -Path '$fifo' -OutFile '$folder/out'"
            }
            else { "'ready' | Set-Content '$folder/ready'; Protect-KmsData -KeyId `$k.KeyId -Path '$fifo' -OutFile '$folder/out'" }
            $script = Join-Path $folder 'child.ps1'
            Set-Content $script @"
$($Named ? "[AppContext]::SetSwitch('KmsPowerShell.NamedTemporaryFiles', `$true)" : '')
Import-Module '$ModulePath'; Connect-Kms -Local; `$k = New-KmsKey
`$plain = '$folder/plain'; `$s = [IO.File]::Create(`$plain); `$s.SetLength(8MB); `$s.Dispose()
$work
'finished' | Set-Content '$folder/finished'
"@
            # Read and write: opening it never waits for the child, and the child never sees its end while this holds it.
            $feed = [IO.FileStream]::new($fifo, 'Open', 'ReadWrite', 'ReadWrite', 1)
            $child = Start-Process $Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script -PassThru -RedirectStandardError (Join-Path $TestDrive "$($folder.Name).err")
            try {
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while (-not (Test-Path "$folder/ready") -and -not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                # Named, not listed: the child may already be writing its output when 'ready' appears.
                $inputs = 'child.ps1', 'input.fifo', 'plain', 'message', 'ready'
                $head = [byte[]]::new(3MB)
                $from = [IO.File]::OpenRead(($Operation -eq 'decrypt') ? "$folder/message" : "$folder/plain")
                $from.ReadExactly($head)
                $from.Dispose()
                $writing = $feed.WriteAsync($head, 0, $head.Length)
                # Under way: the child has the output open (unnamed on Linux: '<folder>/#<inode> (deleted)').
                while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline -and -not (Get-ChildItem "/proc/$($child.Id)/fd" -ErrorAction Ignore |
                            Where-Object { $_.LinkTarget -like "$folder/*" -and (Split-Path -Leaf $_.LinkTarget) -notin $inputs })) {
                    Start-Sleep -Milliseconds 50
                }
                $child.HasExited | Should -BeFalse -Because (Get-Content -Raw (Join-Path $TestDrive "$($folder.Name).err"))
                $null = $writing.Wait(30000)
                & kill "-$Signal" $child.Id
                [pscustomobject]@{
                    Exited = $child.WaitForExit(30000)
                    LeftOver = @(Get-ChildItem -Force $folder | Where-Object Name -notin $inputs | ForEach-Object Name)
                }
            }
            finally {
                if (-not $child.HasExited) { $child.Kill() }
                $feed.Dispose()
            }
        }
    }

    # Named: where outputs are unnamed (Linux), SIGTERM could leave nothing even without its handler.
    It 'SIGTERM mid-<Operation> with a named temporary file: the process ends and leaves nothing' -ForEach @(
        @{ Operation = 'decrypt' }
        @{ Operation = 'encrypt' }
    ) {
        $result = Stop-MidFile -Operation $Operation -Signal TERM -Named
        $result.Exited | Should -BeTrue
        $result.LeftOver | Should -BeNullOrEmpty
    }

    It 'SIGKILL mid-decrypt leaves nothing: the plaintext was never named' {
        $result = Stop-MidFile -Operation decrypt -Signal KILL
        $result.Exited | Should -BeTrue
        $result.LeftOver | Should -BeNullOrEmpty
    }
}
