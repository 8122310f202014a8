using System.Diagnostics;
using System.Net.Sockets;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// A server out of file descriptors keeps accepting once some are free again. The server runs in a child pwsh whose
/// descriptor limit is lowered (prlimit) once it listens; the test floods it with idle connections past that limit.
/// A stress test: a runtime with no descriptor left may end its own process on a busy machine whatever the code does,
/// so it runs in the Bench task (build.ps1 -Task Bench), not in the README's test command; AcceptErrorTests proves the
/// accept loop's part there with real SocketExceptions.
/// </summary>
[Trait("Category", "Stress")]
public sealed class DescriptorExhaustionTests
{
    [LinuxFact]
    public async Task Server_OutOfDescriptorsUnderIdleConnections_AnswersOnceTheyAreClosed()
    {
        // On a busy machine the .NET runtime itself can end a process that has no descriptor left ("Out of memory." on
        // its standard error as it fails to start a thread, or no word at all), whatever the code it runs: such a run
        // says nothing of the accept loop, so it is run again. A server that dies of an exception in our code, or
        // lives and does not answer, fails the test.
        for (var attempt = 1; ; attempt++)
        {
            var aborted = await RunOnceAsync();
            if (aborted is null) return;
            if (attempt == 3) Assert.Fail($"The runtime ended the server process in all 3 runs: {aborted}");
        }
    }

    /// <summary>One run; null when it passed, the runtime's words when it ended the server process.</summary>
    private static async Task<string?> RunOnceAsync()
    {
        using var child = StartServerChild();
        var errors = child.StandardError.ReadToEndAsync();
        var serverId = 0;
        try
        {
            // `dotnet pwsh` runs pwsh as a process of its own: the server's is the one it names.
            var started = (await child.StandardOutput.ReadLineAsync().WaitAsync(RawHttp.Patience))!.Split(' ');
            serverId = int.Parse(started[0]);
            var port = int.Parse(started[1]);
            const int Headroom = 32;
            var limit = await SettledDescriptorCountAsync(serverId) + Headroom;
            Run("prlimit", "--pid", serverId.ToString(), $"--nofile={limit}:{limit}");

            var flood = new List<TcpClient>();
            for (var i = 0; i < Headroom * 3; i++) flood.Add(await RawHttp.ConnectAsync(port));
            // The child holds all the descriptors it may while more connections wait: its accept() fails with EMFILE.
            // The idle connections stay open (the header timeout is long) until the test has seen that, however late
            // a busy machine runs this thread.
            await Task.Run(async () => { while (IsRunning(serverId) && DescriptorCount(serverId) < limit) await Task.Delay(20); }).WaitAsync(RawHttp.Patience);
            Assert.True(IsRunning(serverId));
            flood.ForEach(c => c.Dispose());

            using var kms = LocalKmsServerTests.ClientFor(port);
            var keys = await kms.ListKeysAsync(new ListKeysRequest()).WaitAsync(RawHttp.Patience);
            Assert.Empty(keys.Keys ?? []);
            return null;
        }
        catch (Exception) when (serverId != 0 && !IsRunning(serverId))
        {
            child.Kill(entireProcessTree: true);
            var words = (await errors.WaitAsync(RawHttp.Patience)).Trim();
            if (words.Contains("KmsPowerShell", StringComparison.Ordinal)) Assert.Fail($"The server died of our code: {words}");
            return words.Length == 0 ? "(no words)" : words;
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    private static int DescriptorCount(int processId)
    {
        try { return Directory.GetFiles($"/proc/{processId}/fd").Length; }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException) { return 0; }
    }

    /// <summary>False once the process has ended, even while it waits as a zombie for its parent to reap it.</summary>
    private static bool IsRunning(int processId)
    {
        try { return !File.ReadAllText($"/proc/{processId}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IndexOutOfRangeException) { return false; }
    }

    /// <summary>
    /// The child's open descriptors once its start-up has closed the ones it only needed then: the same count for a
    /// whole second (on a busy machine pwsh's start-up work runs late, and a limit set under it would starve that
    /// work, not the server).
    /// </summary>
    private static async Task<int> SettledDescriptorCountAsync(int processId)
    {
        var count = DescriptorCount(processId);
        for (int i = 0, steady = 0; i < 100 && steady < 10; i++)
        {
            await Task.Delay(100);
            var now = DescriptorCount(processId);
            steady = now == count ? steady + 1 : 0;
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
            $options = [KmsPowerShell.LocalKms.Http.LocalKmsServerOptions]@{ HeaderTimeout = [TimeSpan]::FromSeconds(120) }
            $server = [KmsPowerShell.LocalKms.Http.LocalKmsServer]::new([KmsPowerShell.LocalKms.LocalKmsService]::new(), 0, $options)
            $server.Start()
            [Console]::Out.WriteLine("$PID $($server.Port)")
            [Console]::In.ReadLine() | Out-Null
            """;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = directory };
        // pwsh's own background work (telemetry, the update check) would open sockets and files late, under the limit.
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
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
