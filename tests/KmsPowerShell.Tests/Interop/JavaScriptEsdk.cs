using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.Tests.Backends;

namespace KmsPowerShell.Tests.Interop;

/// <summary>Runs tests/Interop/esdk.mjs (the AWS Encryption SDK for JavaScript) on a batch of jobs against moto.</summary>
internal static class JavaScriptEsdk
{
    public static string InteropFolder { get; } = Path.Combine(RepositoryRoot(), "tests", "Interop");

    /// <summary>Why the interop tests are skipped, or null when they run (always when CI=true).</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    public static async Task<JsonArray> RunAsync(MotoServer moto, IEnumerable<object> jobs, string workFolder)
    {
        var spec = Path.Combine(workFolder, $"jobs-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(spec, JsonSerializer.Serialize(new
        {
            endpoint = moto.Endpoint,
            accessKeyId = MotoServer.AccessKey,
            secretAccessKey = MotoServer.SecretKey,
            jobs,
        }));
        var start = new ProcessStartInfo("node", [Path.Combine(InteropFolder, "esdk.mjs"), spec])
        {
            WorkingDirectory = InteropFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_NO_WARNINGS"] = "1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await errors}");
        return JsonNode.Parse(await output)!.AsArray();
    }

    private static string? FindSkipReason()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return null;
        if (MotoServer.SkipReason is { } moto) return moto;
        if (!Directory.Exists(Path.Combine(InteropFolder, "node_modules", "@aws-crypto", "client-node")))
        {
            return "tests/Interop has no node_modules: run 'npm ci' there (build.ps1 -Task Test does)";
        }
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            probe.WaitForExit(10_000);
            return probe.ExitCode == 0 ? null : "node does not run";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not installed";
        }
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "KmsPowerShell.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("The repository root (KmsPowerShell.sln) is not above the test assembly.");
    }
}
