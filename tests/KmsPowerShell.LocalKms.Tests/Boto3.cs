using System.Diagnostics;
using System.Text.Json;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// Runs a python script with boto3 against a local KMS server, with no user configuration: the script reads
/// KMS_ENDPOINT, and each principal's keys from the arguments it is given. It prints one JSON document, returned parsed.
/// </summary>
internal static class Boto3
{
    public static bool IsAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import boto3"]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    public static async Task<JsonElement> RunAsync(Uri endpoint, string workDirectory, string script, params string[] arguments)
    {
        var path = Path.Combine(workDirectory, "boto3-script.py");
        await File.WriteAllTextAsync(path, script);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDirectory };
        foreach (var argument in new[] { path }.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_KMS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["KMS_ENDPOINT"] = endpoint.ToString();
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(workDirectory, "no-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(workDirectory, "no-credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0) throw new InvalidOperationException($"python3 {path} failed ({process.ExitCode}): {await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}

/// <summary>A fact that needs python3 with boto3: skipped when missing, except in CI (CI=true), where it must run.</summary>
public sealed class Boto3FactAttribute : FactAttribute
{
    public Boto3FactAttribute()
    {
        if (!Boto3.IsAvailable() && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "python3 with boto3 is not available.";
        }
    }
}
