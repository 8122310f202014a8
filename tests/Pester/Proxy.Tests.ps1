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
    It 'sends signed requests to an http endpoint straight to it, whatever HTTP_PROXY, http_proxy and ALL_PROXY say, and https ones through HTTPS_PROXY' {
        $httpProxy = New-ProxyListener
        $httpsProxy = New-ProxyListener
        try {
            $unreachable = Get-ClosedLoopbackPort
            $script = @'
$ErrorActionPreference = 'Stop'
$env:HTTP_PROXY = $env:http_proxy = $env:ALL_PROXY = $env:all_proxy = 'http://127.0.0.1:HTTP_PROXY_PORT'
$env:HTTPS_PROXY = $env:https_proxy = 'http://127.0.0.1:HTTPS_PROXY_PORT'
$env:NO_PROXY = $env:no_proxy = $null
Import-Module 'MODULE_PATH'
Connect-Kms -EndpointUrl 'HTTP_ENDPOINT' -Region us-east-1 -Timeout 10
$key = New-KmsKey -Description 'proxy test'
$ciphertext = Protect-KmsData -KeyId $key.KeyId -Value 'proxied?'
"http: $(Unprotect-KmsData -Ciphertext $ciphertext -AsPlainText)"
Connect-Kms -EndpointUrl 'https://127.0.0.1:HTTPS_ENDPOINT_PORT' -Region us-east-1 -MaxAttempts 1 -Timeout 1
try { Get-KmsKey | Out-Null } catch { "https: $($_.FullyQualifiedErrorId)" }
'@
            $script = $script.Replace('HTTP_PROXY_PORT', $httpProxy.LocalEndpoint.Port).Replace('HTTPS_PROXY_PORT', $httpsProxy.LocalEndpoint.Port).
                Replace('MODULE_PATH', $ModulePath).Replace('HTTP_ENDPOINT', $Endpoint).Replace('HTTPS_ENDPOINT_PORT', $unreachable)
            $run = Invoke-FreshPwsh -Script $script
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'http: proxied\?'
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
