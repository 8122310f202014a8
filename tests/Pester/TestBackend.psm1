# Starts and stops the KMS endpoints the Pester suite runs against, and fences the tests off from real AWS settings.

function Initialize-TestEnvironment {
    param([string] $ModulePath, [string] $ForeignAwsSdkCore)
    $sandbox = Join-Path ([IO.Path]::GetTempPath()) "kmsps-test-$PID"
    New-Item -ItemType Directory -Force $sandbox | Out-Null
    # Fake credentials only (each backend sets its own); empty config files so no real profile is ever read;
    # no instance metadata probe.
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $env:AWS_CONFIG_FILE = Join-Path $sandbox 'config'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $sandbox 'credentials'
    Set-Content $env:AWS_CONFIG_FILE '' ; Set-Content $env:AWS_SHARED_CREDENTIALS_FILE ''
    foreach ($name in 'AWS_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_KMS',
        'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_USE_FIPS_ENDPOINT') {
        Remove-Item "env:$name" -ErrorAction Ignore
    }
    $env:KMSPS_TEST_MODULE = $ModulePath
    $env:KMSPS_TEST_SANDBOX = $sandbox
    $env:KMSPS_TEST_FOREIGN_AWSSDK_CORE = $ForeignAwsSdkCore
    $env:KMSPS_TEST_PWSH = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $sandbox
}

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Test-BackendAvailable {
    param([string] $Name)
    switch ($Name) {
        'local' { return @{ Available = $true; Reason = '' } }
        'moto' {
            $python = Get-Command python3 -ErrorAction Ignore
            if (-not $python) { return @{ Available = $false; Reason = 'python3 is not installed' } }
            & $python.Source -c 'import moto.server' 2>$null
            if ($LASTEXITCODE -ne 0) { return @{ Available = $false; Reason = 'the python package moto is not installed' } }
            return @{ Available = $true; Reason = '' }
        }
    }
    throw "Unknown backend '$Name'."
}

function Start-TestBackend {
    param([string] $Name)
    if ($Name -eq 'local') { return Start-LocalBackend }
    $env:AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
    $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    $port = Get-FreeLoopbackPort
    $log = Join-Path ([IO.Path]::GetTempPath()) "kmsps-$Name-$port.log"
    $process = Start-Process -FilePath (Get-Command python3).Source -ArgumentList '-m', 'moto.server', '-H', '127.0.0.1', '-p', $port `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
    $endpoint = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        if ($process.HasExited) { throw "$Name exited at start: $(Get-Content -Raw "$log.err" -ErrorAction Ignore)" }
        try {
            $client = [System.Net.Sockets.TcpClient]::new()
            $client.Connect([System.Net.IPAddress]::Loopback, $port)
            $client.Dispose()
            break
        }
        catch {
            if ([DateTime]::UtcNow -gt $deadline) { Stop-Process -Id $process.Id -Force; throw "$Name did not listen on port $port within 60 s." }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Name = $Name; Endpoint = $endpoint; ProcessId = $process.Id; Log = $log }
}

function Start-LocalBackend {
    # The local KMS runs in this process and serves HTTP on loopback: tests use it in process (Connect-Kms -Local)
    # and through the server (awscli, fresh processes) and see the same keys.
    Import-Module $env:KMSPS_TEST_MODULE
    $server = Start-KmsLocalServer
    $env:AWS_ACCESS_KEY_ID = $server.AccessKeyId
    $env:AWS_SECRET_ACCESS_KEY = $server.SecretAccessKey
    [pscustomobject]@{ Name = 'local'; Endpoint = $server.Endpoint.TrimEnd('/'); Port = $server.Port; ProcessId = $null; Log = $null }
}

function Stop-TestBackend {
    param($Server)
    if ($Server.Name -eq 'local') { Stop-KmsLocalServer -Port $Server.Port; return }
    Stop-Process -Id $Server.ProcessId -Force -ErrorAction Ignore
    Remove-Item $Server.Log, "$($Server.Log).err" -ErrorAction Ignore
}

Export-ModuleMember -Function Initialize-TestEnvironment, Test-BackendAvailable, Start-TestBackend, Stop-TestBackend, Get-FreeLoopbackPort
