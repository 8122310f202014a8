using System.Diagnostics;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>openssl as an independent judge of our signatures and MACs; files live in a temporary folder per instance.</summary>
internal sealed class OpenSsl : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-openssl-").FullName;

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WritePublicKeyPem(string name, byte[] subjectPublicKeyInfo) =>
        Write(name, System.Text.Encoding.ASCII.GetBytes(System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", subjectPublicKeyInfo)));

    /// <summary>Runs openssl; returns its exit code and combined output.</summary>
    public (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
