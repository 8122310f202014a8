namespace KmsPowerShell.HelpCompiler.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_Compile_NeedsModuleDocsAndOutput()
    {
        Assert.Equal(new CommandLine("compile", "m.psd1", "docs", "out"), CommandLine.Parse(["compile", "--module", "m.psd1", "--docs", "docs", "--output", "out"]));
        Assert.Null(CommandLine.Parse(["compile", "--module", "m.psd1", "--docs", "docs"]));
    }

    [Fact]
    public void Parse_Update_NeedsNoOutput()
    {
        Assert.Equal(new CommandLine("update", "m.psd1", "docs", null), CommandLine.Parse(["update", "--docs", "docs", "--module", "m.psd1"]));
    }

    [Fact]
    public void Parse_UnknownCommand_IsNull()
    {
        Assert.Null(CommandLine.Parse(["publish", "--module", "m.psd1", "--docs", "docs"]));
        Assert.Null(CommandLine.Parse([]));
    }
}
