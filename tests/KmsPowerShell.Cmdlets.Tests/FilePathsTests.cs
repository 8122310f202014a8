namespace KmsPowerShell.Cmdlets.Tests;

public sealed class FilePathsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-paths-").FullName;
    private readonly CmdletHost _host;

    public FilePathsTests()
    {
        foreach (var name in new[] { "a.txt", "b.txt", "[a].txt", "c.csv" }) File.WriteAllText(Path.Combine(_folder, name), name);
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        _host = new CmdletHost(_folder);
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private IReadOnlyList<string> Resolve(string path, bool literal) => _host.Run(cmdlet => FilePaths.Resolve(cmdlet, path, literal));

    private string InFolder(string name) => Path.Combine(_folder, name);

    [Fact]
    public void ResolvesWildcardsAgainstTheCurrentLocation() =>
        Assert.Equal([InFolder("a.txt"), InFolder("b.txt")], Resolve("?.txt", literal: false).Order(StringComparer.Ordinal));

    [Fact]
    public void TakesALiteralPathAsItIsAndAPathAsAPattern()
    {
        Assert.Equal([InFolder("[a].txt")], Resolve("[a].txt", literal: true));
        Assert.Equal([InFolder("a.txt")], Resolve("[a].txt", literal: false));
    }

    [Fact]
    public void SaysWhenAPathWithoutWildcardsNamesNoFile()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => Resolve("missing.txt", literal: false));
        Assert.Equal("No file matches 'missing.txt'.", missing.Message);
        var literal = Assert.Throws<FileNotFoundException>(() => Resolve("missing.txt", literal: true));
        Assert.Equal(InFolder("missing.txt"), literal.FileName);
    }

    [Fact]
    public void ResolvesAWildcardThatMatchesNothingToNoFiles() =>
        // As Get-ChildItem *.nope does: a pattern may match nothing.
        Assert.Empty(Resolve("missing*.txt", literal: false));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RefusesAFolder(bool literal) =>
        Assert.Equal("PathIsDirectory", Assert.Throws<KmsArgumentException>(() => Resolve("sub", literal)).Problem);

    [Fact]
    public void RefusesAPathOfAnotherProvider() =>
        Assert.Equal("PathNotFileSystem", Assert.Throws<KmsArgumentException>(() => Resolve("Env:PATH", literal: false)).Problem);

    [Fact]
    public void ResolvesAnOutputThatDoesNotExistYet() =>
        Assert.Equal(InFolder(Path.Combine("sub", "out.bin")), _host.Run(cmdlet => FilePaths.Output(cmdlet, "sub/out.bin")));
}

public sealed class PolicyTextTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-policy-").FullName;
    private readonly CmdletHost _host;

    public PolicyTextTests() => _host = new CmdletHost(_folder);

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ReadsThePolicyFileRelativeToTheCurrentLocation()
    {
        const string policy = Policy;
        File.WriteAllText(Path.Combine(_folder, "policy.json"), policy);
        Assert.Equal(policy, _host.Run(cmdlet => PolicyText.Read(cmdlet, "ignored", "policy.json")));
    }

    [Fact]
    public void TakesThePolicyTextWhenNoFileIsNamed()
    {
        Assert.Equal(Policy, _host.Run(cmdlet => PolicyText.Read(cmdlet, Policy, null)));
        Assert.Null(_host.Run(cmdlet => PolicyText.Read(cmdlet, null, "")));
    }

    [Fact]
    public void SaysWhenThePolicyFileIsMissing()
    {
        var missing = Assert.Throws<KmsArgumentException>(() => _host.Run(cmdlet => PolicyText.Read(cmdlet, null, "nope.json")));
        Assert.Equal("PolicyFileNotFound", missing.Problem);
        Assert.Contains(Path.Combine(_folder, "nope.json"), missing.Message);
    }
}

public sealed class AutoConnectPreferenceTests : IDisposable
{
    private readonly CmdletHost _host = new(Path.GetTempPath());
    private readonly string? _environment = Environment.GetEnvironmentVariable(AutoConnectPreference.EnvironmentName);

    // Only this class reads the variable, and xunit runs a class's tests one at a time.
    public AutoConnectPreferenceTests() => Environment.SetEnvironmentVariable(AutoConnectPreference.EnvironmentName, null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(AutoConnectPreference.EnvironmentName, _environment);
        _host.Dispose();
    }

    private string? WhyOff() => _host.Run(cmdlet => AutoConnectPreference.WhyOff(cmdlet.SessionState));

    [Fact]
    public void IsOnByDefaultAndWithChain()
    {
        Assert.Null(WhyOff());
        _host.SetVariable(AutoConnectPreference.VariableName, " chain ");
        Assert.Null(WhyOff());
    }

    [Fact]
    public void IsOffWithNone()
    {
        _host.SetVariable(AutoConnectPreference.VariableName, "NONE");
        Assert.Equal("$KmsAutoConnectPreference is 'None'", WhyOff());
    }

    [Fact]
    public void RefusesAPreferenceItDoesNotKnow()
    {
        _host.SetVariable(AutoConnectPreference.VariableName, "Never");
        Assert.Equal("AutoConnectPreferenceInvalid", Assert.Throws<KmsConfigurationException>(WhyOff).Problem);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("TRUE")]
    public void IsOffWhenTheEnvironmentSaysSo(string value)
    {
        Environment.SetEnvironmentVariable(AutoConnectPreference.EnvironmentName, value);
        Assert.Equal($"KMSPS_NO_AUTOCONNECT is '{value}'", WhyOff());
        Environment.SetEnvironmentVariable(AutoConnectPreference.EnvironmentName, "0");
        Assert.Null(WhyOff());
    }
}
