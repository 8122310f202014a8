using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Backends;

/// <summary>
/// moto on a free loopback port for the life of a test class (or collection), killed by its PID on Dispose.
/// Fake credentials only; the SDK never probes instance metadata.
/// </summary>
public sealed class MotoServer : IDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    private readonly Process? _process;

    public MotoServer()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        // Every test that would use this server is skipped (and says why): start nothing.
        if (SkipReason is not null)
        {
            Endpoint = "http://127.0.0.1:1";
            Client = new AmazonKeyManagementServiceClient(new BasicAWSCredentials(AccessKey, SecretKey),
                new AmazonKeyManagementServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = Region });
            return;
        }
        var port = FreePort();
        _process = Process.Start(new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = $"http://127.0.0.1:{port}";
        WaitUntilListening(port);
        Client = new AmazonKeyManagementServiceClient(new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = Region });
    }

    public string Endpoint { get; }

    /// <summary>A plain SDK client for test setup (creating keys and aliases).</summary>
    public AmazonKeyManagementServiceClient Client { get; }

    /// <summary>Why the tests that need moto are skipped, or null when they run (always when CI=true).</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    public KmsSession NewSession(string? endpoint = null, int maxAttempts = 3) => KmsSessionFactory.Create(new KmsSessionOptions
    {
        Region = Region,
        EndpointUrl = endpoint ?? Endpoint,
        AllowInsecureEndpoint = true,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        MaxAttempts = maxAttempts,
        Environment = _ => null,
    }, _ => { }, _ => { });

    public async Task<string> CreateKeyAsync(string? alias = null)
    {
        var arn = (await Client.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.Arn;
        if (alias is not null) await Client.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = arn });
        return arn;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"moto exited at start with code {_process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string? FindSkipReason()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import moto.server"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            probe.WaitForExit(30_000);
            return probe.ExitCode == 0 ? null : "the python package moto is not installed (pip install 'moto[server]')";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3 is not installed";
        }
    }
}
