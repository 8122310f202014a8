# Ctrl+C is PowerShell.Stop(): it must end a cmdlet that waits on KMS or writes files at once, not when the timeout
# runs out, and leave no partial output. These tests bound wall-clock time, so the suite runs this file alone.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # A listener that accepts connections (the kernel completes the handshake) but never answers.
    $script:BlackHole = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $BlackHole.Start()
    $script:BlackHoleUrl = "http://127.0.0.1:$($BlackHole.LocalEndpoint.Port)"
}

AfterAll {
    $BlackHole.Stop()
}

Describe 'cancellation' {
    # A compliance scan waits on STS (the account) and on KMS in several regions at once; Get-KmsKey -RoleArn on STS AssumeRole.
    It 'stops <Command> promptly while KMS does not answer' -ForEach @(@{ Command = 'Get-KmsKey' }, @{ Command = 'Get-KmsComplianceFinding -Region us-east-1, eu-west-1' },
        @{ Command = 'Get-KmsKey -RoleArn arn:aws:iam::111122223333:role/Inventory -Region *' }) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModulePath'; Connect-Kms -EndpointUrl '$BlackHoleUrl' -Region us-east-1 -Timeout 60 -MaxAttempts 1; $Command")
            $pending = $shell.BeginInvoke()
            Start-Sleep -Seconds 2
            $pending.IsCompleted | Should -BeFalse -Because 'the call is waiting on an endpoint that never answers'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'the session timeout is 60 s; Stop must not wait for it'
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'cancellation mid-file' {
    BeforeAll {
        function New-SparseFiles([string] $Folder, [string[]] $Names, [long] $Length) {
            $null = New-Item -ItemType Directory -Force $Folder
            foreach ($name in $Names) {
                $stream = [IO.File]::Create((Join-Path $Folder $name))
                $stream.SetLength($Length)
                $stream.Dispose()
            }
        }

        function Get-OutputsInFlight([string] $Folder, [string[]] $Inputs) {
            <# Outputs being written: hidden temporary files, and on Linux this process's unnamed files in the folder. #>
            $named = @(Get-ChildItem $Folder -Force | Where-Object Name -notin $Inputs).Count
            $unnamed = $IsLinux ? @(Get-ChildItem "/proc/$PID/fd" -ErrorAction Ignore | Where-Object { "$($_.LinkTarget)" -like "$Folder/#*" }).Count : 0
            $named + $unnamed
        }

        function Stop-ProtectMidRun {
            <#
            Runs $Protect (which encrypts under $k) in another runspace, stops it once $InFlight outputs are being written
            in $Folder, and checks that it stopped within 1.5 s and left nothing beside the inputs.
            #>
            param([string] $Folder, [string] $Protect, [int] $InFlight)
            $inputs = @((Get-ChildItem $Folder -Force).Name)
            $shell = [powershell]::Create()
            try {
                $connect = if ($Backend -eq 'local') { 'Connect-Kms -Local' } else { "Connect-Kms -EndpointUrl '$Endpoint' -Region us-east-1" }
                $null = $shell.AddScript("Import-Module '$ModulePath'; $connect; `$k = New-KmsKey; $Protect")
                $pending = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ((Get-OutputsInFlight $Folder $inputs) -lt $InFlight -and [DateTime]::UtcNow -lt $deadline) {
                    Start-Sleep -Milliseconds 20
                }
                Start-Sleep -Milliseconds 200
                $pending.IsCompleted | Should -BeFalse -Because 'the test must stop the cmdlet mid-file'
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $watch.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                Get-ChildItem $Folder -Force | Where-Object Name -notin $inputs | Should -BeNullOrEmpty
            }
            finally {
                $shell.Dispose()
            }
        }
    }

    It 'stops Protect-KmsData within a second and leaves no partial output' {
        $folder = Join-Path $TestDrive 'single'
        New-SparseFiles $folder 'large.bin' 768MB
        Stop-ProtectMidRun $folder "Protect-KmsData -KeyId `$k.KeyId -Path '$folder/large.bin'" -InFlight 1
    }

    It 'stops Protect-KmsData with several files in flight within a second and leaves no partial output' {
        $folder = Join-Path $TestDrive 'inflight'
        New-SparseFiles $folder (1..4 | ForEach-Object { "big$_.bin" }) 256MB
        Stop-ProtectMidRun $folder "Get-ChildItem '$folder' | Protect-KmsData -KeyId `$k.KeyId -ThrottleLimit 4" -InFlight 2
    }
}
