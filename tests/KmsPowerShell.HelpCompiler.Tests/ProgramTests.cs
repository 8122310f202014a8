using System.Diagnostics;
using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests;

/// <summary>The compiler as build.ps1 runs it: a process whose exit code fails the build and whose errors say file:line.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempDocs _docs = new();

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Compile_BrokenPage_ExitsWithOneAndPrintsFileColonLine()
    {
        _docs.Replace("Get-Widget", "### -Force\n", "### -Forse\n");

        var (exitCode, _, errors) = Run("compile", "--module", typeof(WidgetModule).Assembly.Location, "--docs", _docs.Folder, "--output", _docs.Output);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{_docs.PathOf("Get-Widget")}:{_docs.LineOf("Get-Widget", "### -Forse")}: unknown parameter -Forse", errors);
        Assert.Contains("Help was not compiled", errors);
    }

    [Fact]
    public void Compile_ValidDocs_ExitsWithZero()
    {
        var (exitCode, output, errors) = Run("compile", "--module", typeof(WidgetModule).Assembly.Location, "--docs", _docs.Folder, "--output", _docs.Output);

        Assert.True(exitCode == 0, errors);
        Assert.Contains("Compiled help for 2 cmdlets", output);
    }

    [Fact]
    public void Run_BadArguments_PrintsUsageAndExitsWithTwo()
    {
        var (exitCode, _, errors) = Run("compile");

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", errors);
    }

    private static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var compiler = Path.Combine(AppContext.BaseDirectory, "KmsPowerShell.HelpCompiler.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(compiler);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the compiler did not finish within a minute");
        return (process.ExitCode, output.Result, errors.Result);
    }
}
