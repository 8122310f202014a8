using System.Diagnostics;
using System.Net.Sockets;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// A server out of file descriptors keeps accepting once some are free again. The server runs in a child pwsh whose
/// descriptor limit is lowered (prlimit) once it listens; the test floods it with idle connections past that limit.
/// </summary>
public sealed class AcceptErrorTests
{
    [LinuxFact]
    public async Task Server_OutOfDescriptorsUnderIdleConnections_AnswersOnceTheyAreClosed()
    {
        using var child = StartServerChild();
        try
        {
            // `dotnet pwsh` runs pwsh as a process of its own: the server's is the one it names.
            var started = (await child.StandardOutput.ReadLineAsync().WaitAsync(RawHttp.Patience))!.Split(' ');
            var (serverId, port) = (int.Parse(started[0]), int.Parse(started[1]));
            const int Headroom = 32;
            var limit = await SettledDescriptorCountAsync(serverId) + Headroom;
            Run("prlimit", "--pid", serverId.ToString(), $"--nofile={limit}:{limit}");

            var flood = new List<TcpClient>();
            for (var i = 0; i < Headroom * 3; i++) flood.Add(await RawHttp.ConnectAsync(port));
            var closed = flood.Select(RawHttp.ReadUntilClosedAsync).ToArray();
            // The child holds all the descriptors it may while more connections wait: its accept() fails with EMFILE.
            await Task.Run(async () => { while (DescriptorCount(serverId) < limit) await Task.Delay(20); }).WaitAsync(RawHttp.Patience);

            using var kms = LocalKmsServerTests.ClientFor(port);
            var keys = await kms.ListKeysAsync(new ListKeysRequest()).WaitAsync(RawHttp.Patience);
            Assert.Empty(keys.Keys ?? []);
            Assert.All(await Task.WhenAll(closed).WaitAsync(RawHttp.Patience), Assert.Empty);
            flood.ForEach(c => c.Dispose());
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    private static int DescriptorCount(int processId) => Directory.GetFiles($"/proc/{processId}/fd").Length;

    /// <summary>The child's open descriptors once its start-up has closed the ones it only needed then.</summary>
    private static async Task<int> SettledDescriptorCountAsync(int processId)
    {
        var count = DescriptorCount(processId);
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            var now = DescriptorCount(processId);
            if (now == count) return count;
            count = now;
        }
        return count;
    }

    private static Process StartServerChild()
    {
        var directory = AppContext.BaseDirectory;
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            Add-Type -Path '{{Path.Combine(directory, "KmsPowerShell.Model.dll")}}'
            Add-Type -Path '{{Path.Combine(directory, "KmsPowerShell.LocalKms.dll")}}'
            $options = [KmsPowerShell.LocalKms.Http.LocalKmsServerOptions]@{ HeaderTimeout = [TimeSpan]::FromSeconds(1) }
            $server = [KmsPowerShell.LocalKms.Http.LocalKmsServer]::new([KmsPowerShell.LocalKms.LocalKmsService]::new(), 0, $options)
            $server.Start()
            [Console]::Out.WriteLine("$PID $($server.Port)")
            [Console]::In.ReadLine() | Out-Null
            """;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, WorkingDirectory = directory };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script }) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static void Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}

/// <summary>A fact that needs Linux (prlimit, /proc): skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Needs Linux (prlimit and /proc).";
    }
}
