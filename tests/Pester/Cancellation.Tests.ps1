# Ctrl+C is PowerShell.Stop(): it must end a cmdlet that waits on KMS at once, not when the timeout runs out.
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
    It 'stops Get-KmsKey promptly while KMS does not answer' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModulePath'; Connect-Kms -EndpointUrl '$BlackHoleUrl' -Region us-east-1 -Timeout 60 -MaxAttempts 1; Get-KmsKey")
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
