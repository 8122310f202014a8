using System.Diagnostics;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Runs awscli against a local KMS server, signed as the default local principal, with no user configuration.</summary>
internal sealed class AwsCli
{
    private readonly Uri _endpoint;
    private readonly string _workDirectory;

    public AwsCli(Uri endpoint, string workDirectory)
    {
        _endpoint = endpoint;
        _workDirectory = workDirectory;
    }

    /// <summary>AWS_MAX_ATTEMPTS: 1 (no retry) unless a test checks what botocore retries.</summary>
    public int MaxAttempts { get; init; } = 1;

    public static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "aws.exe", "aws.cmd" } : ["aws"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await ExecuteAsync(arguments);
        if (exitCode != 0) throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({exitCode}): {error}");
        return output;
    }

    /// <summary>Runs a command that must fail; returns its standard error (awscli's "An error occurred (Code) ..." line).</summary>
    public async Task<string> FailAsync(params string[] arguments)
    {
        var (exitCode, _, error) = await ExecuteAsync(arguments);
        if (exitCode == 0) throw new InvalidOperationException($"aws {string.Join(' ', arguments)} succeeded; a failure was expected.");
        return error;
    }

    private async Task<(int ExitCode, string Output, string Error)> ExecuteAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("awscli ('aws') is not on PATH."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workDirectory,
        };
        foreach (var argument in arguments.Concat(["--endpoint-url", _endpoint.ToString(), "--output", "json"])) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KMS", "AWS_REGION" }) start.Environment.Remove(name);
        start.Environment["AWS_ACCESS_KEY_ID"] = LocalKmsPrincipal.DefaultAccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = LocalKmsPrincipal.DefaultSecretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(_workDirectory, "no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_workDirectory, "no-credentials");
        start.Environment["AWS_MAX_ATTEMPTS"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AWS_RETRY_MODE"] = "standard";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}
