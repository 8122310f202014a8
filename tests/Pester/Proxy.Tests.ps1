BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-ProxyListener {
        # Never accepted while the child runs: a connection waits in the backlog, with what the child sent.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function Read-FirstLine([System.Net.Sockets.TcpListener] $Listener) {
        $client = $Listener.AcceptTcpClient()
        try { [IO.StreamReader]::new($client.GetStream()).ReadLine() } finally { $client.Dispose() }
    }
}

Describe 'proxies' {
    It 'sends signed requests to an http endpoint (KMS, or STS for a role) straight to it, whatever HTTP_PROXY, http_proxy and ALL_PROXY say, and https ones through HTTPS_PROXY' {
        $httpProxy = New-ProxyListener
        $httpsProxy = New-ProxyListener
        try {
            $unreachable = Get-ClosedLoopbackPort
            $config = Join-Path $TestDrive 'config'
            $credentials = Join-Path $TestDrive 'credentials'
            Set-Content $config "[profile base]`nregion = us-east-1`n[profile admin]`nrole_arn = arn:aws:iam::123456789012:role/kms-admin`nsource_profile = base`nregion = us-east-1`n"
            Set-Content $credentials "[base]`naws_access_key_id = AKIABASEEXAMPLE`naws_secret_access_key = basesecret`n"
            $script = @'
$ErrorActionPreference = 'Stop'
$env:HTTP_PROXY = $env:http_proxy = $env:ALL_PROXY = $env:all_proxy = 'http://127.0.0.1:<http-proxy-port>'
$env:HTTPS_PROXY = $env:https_proxy = 'http://127.0.0.1:<https-proxy-port>'
$env:NO_PROXY = $env:no_proxy = $null
$env:AWS_CONFIG_FILE = '<config>'
$env:AWS_SHARED_CREDENTIALS_FILE = '<credentials>'
Import-Module '<module>'
Connect-Kms -EndpointUrl '<http-endpoint>' -Region us-east-1 -Timeout 10
$key = New-KmsKey -Description 'proxy test'
$ciphertext = Protect-KmsData -KeyId $key.KeyId -Value 'proxied?'
"http: $(Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText)"
Connect-Kms -EndpointUrl 'https://127.0.0.1:<closed-port>' -Region us-east-1 -MaxAttempts 1 -Timeout 1
try { Get-KmsKey | Out-Null } catch { "https: $($_.FullyQualifiedErrorId)" }
$env:AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:<closed-port>'
Connect-Kms -ProfileName admin -EndpointUrl '<http-endpoint>' -MaxAttempts 1 -Timeout 10
try { Get-KmsKey | Out-Null } catch { "sts: $($_.FullyQualifiedErrorId)" }
'@
            $script = $script.Replace('<http-proxy-port>', $httpProxy.LocalEndpoint.Port).Replace('<https-proxy-port>', $httpsProxy.LocalEndpoint.Port).
                Replace('<module>', $ModulePath).Replace('<http-endpoint>', $Endpoint).Replace('<closed-port>', $unreachable).
                Replace('<config>', $config).Replace('<credentials>', $credentials)
            $run = Invoke-FreshPwsh -Script $script
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'http: proxied\?'
            $run.Output | Should -Match 'sts: CredentialsUnavailable,' -Because 'the role is assumed at the closed STS port, not through the proxy'
            $httpProxy.Pending() | Should -BeFalse -Because 'no request to an http endpoint may reach a proxy'
            $run.Output | Should -Match 'https: RequestTimeout,'
            $httpsProxy.Pending() | Should -BeTrue -Because 'https endpoints use the proxy settings'
            Read-FirstLine $httpsProxy | Should -Be "CONNECT 127.0.0.1:$unreachable HTTP/1.1"
        }
        finally {
            $httpProxy.Stop()
            $httpsProxy.Stop()
        }
    }
}
