# What keeps a script on the KMS it meant: no silent fall back to the AWS chain, the state file lock, and local
# KMS cmdlets acting on the current session's local KMS. Runspace state matters here, so each test starts its own.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModulePath -Force

    function New-TestRunspace([hashtable] $Variables = @{}) {
        <# A fresh runspace of this process with the module imported: no session, nothing used before. #>
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        foreach ($name in $Variables.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $null = Invoke-InRunspace $runspace "Import-Module '$ModulePath'"
        $runspace
    }

    function Invoke-InRunspace($Runspace, [string] $Script) {
        <# Runs script text there (a script block would run back in this runspace); returns its output, terminating errors caught. #>
        $shell = [powershell]::Create()
        $shell.Runspace = $Runspace
        try { $shell.AddScript("try { $Script } catch { `$_ }").Invoke() }
        finally { $shell.Dispose() }
    }

    function Start-RecordingListener {
        <# A loopback port that records whether anyone connected: where AWS_ENDPOINT_URL_KMS points while AWS must not be called. #>
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function Open-StateFromAnotherProcess([string] $State) {
        Invoke-FreshPwsh @"
Import-Module '$ModulePath'
try { Connect-Kms -Local -LocalStatePath '$State'; (New-KmsKey -Description 'second process').KeyId.Length }
catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_.ErrorDetails.RecommendedAction }
"@
    }
}

Describe 'no silent fall back to the AWS chain' {
    BeforeAll {
        $script:Listener = Start-RecordingListener
        $script:SavedEndpoint = $env:AWS_ENDPOINT_URL_KMS
        $env:AWS_ENDPOINT_URL_KMS = "http://127.0.0.1:$($Listener.LocalEndpoint.Port)"
    }

    AfterAll {
        $env:AWS_ENDPOINT_URL_KMS = $SavedEndpoint
        $Listener.Stop()
    }

    AfterEach {
        $Listener.Pending() | Should -BeFalse -Because 'no cmdlet may reach the AWS chain''s endpoint'
        $Runspace.Dispose()
    }

    It 'refuses to build a session from the chain after Disconnect-Kms of a local session' {
        $script:Runspace = New-TestRunspace
        $failure = Invoke-InRunspace $Runspace 'Connect-Kms -Local; Disconnect-Kms; Get-KmsKey -ErrorAction Stop'
        $failure.FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure.Exception.Message | Should -Match 'used the local KMS: no session is built from the AWS chain'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Connect-Kms -Local for the local KMS or Connect-Kms for AWS'
        Invoke-InRunspace $Runspace 'Get-KmsSession 3>&1' | Should -Match 'used the local KMS.*Run Connect-Kms -Local' -Because 'Get-KmsSession warns of the state'
    }

    It 'refuses after a local session was used with -Session, though it never was current' {
        $local = Connect-Kms -Local -PassThru -WhatIf:$false
        try {
            $script:Runspace = New-TestRunspace @{ Local = $local }
            Invoke-InRunspace $Runspace '$null = Get-KmsKey -Session $Local -ErrorAction Stop; ''used''' | Should -Be 'used'
            (Invoke-InRunspace $Runspace 'Get-KmsKey -ErrorAction Stop').FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        }
        finally { Disconnect-Kms }
    }

    It 'refuses in a runspace that never used the local KMS when another runspace of the process did (thread jobs, -Parallel)' {
        Connect-Kms -Local
        try {
            $script:Runspace = New-TestRunspace
            $failure = Invoke-InRunspace $Runspace 'Get-KmsKey -ErrorAction Stop'
            $failure.FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            $failure.Exception.Message | Should -Match 'another runspace of this process used the local KMS'
        }
        finally { Disconnect-Kms }
    }

    It 'leaves no session after a failed Connect-Kms -Local, and says why it failed' {
        $state = Join-Path $TestDrive 'broken.json'
        Set-Content $state '{ not json'
        $script:Runspace = New-TestRunspace @{ State = $state; Endpoint = $Endpoint }
        $connect = Invoke-InRunspace $Runspace 'Connect-Kms -EndpointUrl $Endpoint; Connect-Kms -Local -LocalStatePath $State'
        $connect.FullyQualifiedErrorId | Should -Be 'LocalStateUnavailable,KmsPowerShell.Commands.Session.ConnectKmsCommand'
        Invoke-InRunspace $Runspace 'Get-KmsSession' | Should -BeNullOrEmpty -Because 'the session before the failed Connect-Kms is not kept'
        $failure = Invoke-InRunspace $Runspace 'Get-KmsKey -ErrorAction Stop'
        $failure.FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        $failure.Exception.Message | Should -Match 'the last Connect-Kms failed: .*broken\.json.* not valid'
    }

    It 'builds no session when KMSPS_NO_AUTOCONNECT is 1' {
        $env:KMSPS_NO_AUTOCONNECT = '1'
        try {
            $script:Runspace = New-TestRunspace
            $failure = Invoke-InRunspace $Runspace 'Get-KmsKey -ErrorAction Stop'
        }
        finally { $env:KMSPS_NO_AUTOCONNECT = $null }
        $failure.FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        $failure.Exception.Message | Should -Match "automatic sessions from the AWS chain are off \(KMSPS_NO_AUTOCONNECT is '1'\)"
    }

    It 'builds no session when $KmsAutoConnectPreference is None, and refuses a value it does not know' {
        $script:Runspace = New-TestRunspace
        $failure = Invoke-InRunspace $Runspace '$KmsAutoConnectPreference = ''None''; Get-KmsKey -ErrorAction Stop'
        $failure.Exception.Message | Should -Match "\`$KmsAutoConnectPreference is 'None'"
        $invalid = Invoke-InRunspace $Runspace '$KmsAutoConnectPreference = ''Never''; Get-KmsKey -ErrorAction Stop'
        $invalid.FullyQualifiedErrorId | Should -Be 'AutoConnectPreferenceInvalid,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
    }

    It 'lets the chain in again after a Connect-Kms that is not local' {
        $script:Runspace = New-TestRunspace @{ Endpoint = $Endpoint }
        $env:AWS_ENDPOINT_URL_KMS = $Endpoint
        try {
            $failure = Invoke-InRunspace $Runspace 'Connect-Kms -Local; Disconnect-Kms; Get-KmsKey -ErrorAction Stop'
            $failure.FullyQualifiedErrorId | Should -Be 'NoKmsSession,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
            Invoke-InRunspace $Runspace 'Connect-Kms -EndpointUrl $Endpoint; Disconnect-Kms; $null = Get-KmsKey -ErrorAction Stop; Get-KmsSession' |
                ForEach-Object EndpointUrl | Should -Be "$Endpoint/" -Because 'the default session came from AWS_ENDPOINT_URL_KMS'
        }
        finally { $env:AWS_ENDPOINT_URL_KMS = "http://127.0.0.1:$($Listener.LocalEndpoint.Port)" }
    }
}

Describe 'the local state file lock' {
    It 'refuses another process naming this one while a session holds the file, and lets it in after Disconnect-Kms' {
        $state = Join-Path $TestDrive 'held.json'
        $runspace = New-TestRunspace @{ State = $state }
        try {
            Invoke-InRunspace $runspace 'Connect-Kms -Local -LocalStatePath $State; $null = New-KmsKey -Description first'
            $refused = Open-StateFromAnotherProcess $state
            $refused.Output | Should -Match 'LocalStateUnavailable,KmsPowerShell.Commands.Session.ConnectKmsCommand'
            $refused.Output | Should -Match "is in use by process $PID \($((Get-Process -Id $PID).ProcessName)\)\."
            $refused.Output | Should -Match 'Disconnect-Kms and Stop-KmsLocalServer'
            Invoke-InRunspace $runspace 'Disconnect-Kms'
            $opened = Open-StateFromAnotherProcess $state
            $opened.Output.Trim() | Should -Be '36' -Because $opened.Output
        }
        finally { $runspace.Dispose() }
    }

    It 'is released when Connect-Kms replaces a session nobody was given, and kept for one -PassThru returned' {
        $state = Join-Path $TestDrive 'replaced.json'
        $runspace = New-TestRunspace @{ State = $state }
        try {
            $kept = Invoke-InRunspace $runspace '$kept = Connect-Kms -Local -LocalStatePath $State -PassThru; Connect-Kms -Local; $kept'
            $kept.IsClosed | Should -BeFalse
            (Open-StateFromAnotherProcess $state).Output | Should -Match 'LocalStateUnavailable'
            Invoke-InRunspace $runspace '$kept | Disconnect-Kms; Connect-Kms -Local -LocalStatePath $State; Connect-Kms -Local'
            (Open-StateFromAnotherProcess $state).Output.Trim() | Should -Be '36'
        }
        finally { $runspace.Dispose() }
    }

    It 'stays held while a server serves the file, and is released when the last holder ends' {
        $state = Join-Path $TestDrive 'served.json'
        $server = Start-KmsLocalServer -LocalStatePath $state
        $session = Connect-Kms -Local -LocalStatePath $state -PassThru -WhatIf:$false
        Disconnect-Kms -Session $session -Verbose 4>&1 | Out-String | Should -Match 'stays locked: 1 other'
        (Open-StateFromAnotherProcess $state).Output | Should -Match 'LocalStateUnavailable'
        Stop-KmsLocalServer -Port $server.Port
        (Open-StateFromAnotherProcess $state).Output.Trim() | Should -Be '36'
    }

    It 'is named to Start-KmsLocalServer by -<Parameter>' -ForEach @(@{ Parameter = 'LocalStatePath' }, @{ Parameter = 'StatePath' }) {
        # -LocalStatePath as in every other cmdlet; -StatePath, its first name, is kept as an alias.
        $state = Join-Path $TestDrive "named-by-$Parameter.json"
        $named = @{ $Parameter = $state }
        $server = Start-KmsLocalServer @named
        try {
            $server.StatePath | Should -Be $state
            (Set-KmsLocalClock -Advance 0 -LocalStatePath $state -PassThru).LocalStatePath | Should -Be $state
        }
        finally { Stop-KmsLocalServer -Port $server.Port }
    }
}

Describe 'local KMS cmdlets act on the current session''s local KMS' {
    AfterEach { Disconnect-Kms }

    It 'moves the clock of the state file session, not the in-memory one' {
        Connect-Kms -Local
        $inMemoryBefore = (Set-KmsLocalClock -Advance 0 -PassThru).Offset
        Connect-Kms -Local -LocalStatePath (Join-Path $TestDrive 'clock.json')
        $key = New-KmsKey -Description 'pester clock on a state file'
        $key | Remove-KmsKey -PendingWindowInDays 7 -Force -WarningAction SilentlyContinue
        $clock = Set-KmsLocalClock -Advance (New-TimeSpan -Days 8) -PassThru
        $clock.LocalStatePath | Should -Be (Join-Path $TestDrive 'clock.json')
        Get-KmsKey -KeyId $key.KeyId -ErrorAction SilentlyContinue -ErrorVariable failures | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'KeyNotFound,KmsPowerShell.Commands.Keys.GetKmsKeyCommand'
        Disconnect-Kms
        Connect-Kms -Local
        (Set-KmsLocalClock -Advance 0 -PassThru).Offset | Should -Be $inMemoryBefore
    }

    It 'acts on the local KMS that -LocalStatePath names, when this process has it open' {
        $state = Join-Path $TestDrive 'named.json'
        $other = Connect-Kms -Local -LocalStatePath $state -PassThru -WhatIf:$false
        Connect-Kms -Local
        (Set-KmsLocalClock -Advance 01:00:00 -LocalStatePath $state -PassThru).Offset | Should -Be (New-TimeSpan -Hours 1)
        $other | Disconnect-Kms
        $failure = { Set-KmsLocalClock -Advance 0 -LocalStatePath $state } | Should -Throw -ErrorId 'LocalKmsNotOpen,KmsPowerShell.Commands.Local.SetKmsLocalClockCommand' -PassThru
        $failure.Exception.Message | Should -Match 'named\.json'
    }

    It 'refuses when the current session is not on a local KMS and no -LocalStatePath is given' {
        Connect-Kms -EndpointUrl "http://127.0.0.1:$(Get-ClosedLoopbackPort)"
        { Set-KmsLocalFault -ThrottleRate 0.5 } | Should -Throw -ErrorId 'LocalKmsNotCurrent,KmsPowerShell.Commands.Local.SetKmsLocalFaultCommand'
        { Set-KmsLocalClock -Advance 0 } | Should -Throw -ErrorId 'LocalKmsNotCurrent,KmsPowerShell.Commands.Local.SetKmsLocalClockCommand'
    }

    It 'acts on the local KMS behind a local server the session calls over HTTP' -Skip:($env:KMSPS_TEST_BACKEND -ne 'local') {
        $server = Start-KmsLocalServer -LocalStatePath (Join-Path $TestDrive 'over-http.json')
        try {
            Connect-Kms -EndpointUrl $server.Endpoint
            (Set-KmsLocalClock -Advance 0 -PassThru).LocalStatePath | Should -Be (Join-Path $TestDrive 'over-http.json')
        }
        finally { Stop-KmsLocalServer -Port $server.Port }
    }

    It 'shows the clock -PassThru returns on one line at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
        # A state file per width: the file keeps the clock's offset, so the second width would start 2 days ahead.
        Connect-Kms -Local -LocalStatePath (Join-Path $TestDrive "clock-view-$Width.json")
        $clock = Set-KmsLocalClock -Advance 2.00:00:00 -PassThru
        $lines = @(($clock | Out-String -Width $Width) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3 -Because 'a header, its underline and one row'
        $lines[0] | Should -Match '^Now\s+Offset\s+LocalStatePath'
        $lines[2] | Should -Match "^$([regex]::Escape($clock.Now.ToString('yyyy-MM-dd HH:mm:ss zzz')))\s+2\.00:00:00\s+\S"
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
    }
}

Describe 'Connect-Kms -ProfileName completion' {
    It 'lists the profiles of the shared config and credentials files once each' {
        $saved = $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE
        $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $TestDrive 'credentials'
        Set-Content $env:AWS_CONFIG_FILE "[default]`nregion = us-east-1`n[profile from-config]`nregion = eu-west-1`n[profile shared]`nregion = us-west-2`n"
        Set-Content $env:AWS_SHARED_CREDENTIALS_FILE "[from-credentials]`naws_access_key_id = AKIAEXAMPLE`naws_secret_access_key = x`n[shared]`naws_access_key_id = AKIAEXAMPLE`naws_secret_access_key = x`n"
        try {
            $line = 'Connect-Kms -ProfileName '
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Be @('default', 'from-config', 'from-credentials', 'shared')
            $line = 'Connect-Kms -ProfileName from-c'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('from-config', 'from-credentials')
        }
        finally { $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE = $saved }
    }
}

Describe 'the session is opened on the pipeline thread only' {
    It 'refuses, with a clear error, a read of a cmdlet''s session from another thread' {
        $command = [KmsPowerShell.Commands.Keys.GetKmsKeyCommand]::new()
        $getter = [KmsPowerShell.Commands.KmsCommand].GetProperty('ActiveSession', [Reflection.BindingFlags]'NonPublic, Instance').GetGetMethod($true)
        # A plain .NET delegate, not a script block: it runs on a pool thread with no runspace, as engine work does.
        $read = [Delegate]::CreateDelegate([Func[KmsPowerShell.KmsSession]], $command, $getter)
        $failure = { [System.Threading.Tasks.Task]::Run($read).GetAwaiter().GetResult() } | Should -Throw -PassThru
        $failure.Exception.GetBaseException() | Should -BeOfType ([InvalidOperationException])
        $failure.Exception.GetBaseException().Message | Should -Match 'asked for its KMS session off the pipeline thread'
    }
}
