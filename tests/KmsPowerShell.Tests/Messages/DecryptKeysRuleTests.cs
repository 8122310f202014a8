using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Tests.Messages;

/// <summary>The one rule of which keys decrypt a message: the keys named, or discovery, exactly one of the two.</summary>
public sealed class DecryptKeysRuleTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void KeysProblem_ExactlyOne_IsNone(bool keysNamed, bool discovery) =>
        Assert.Null(KmsDecryptOptions.KeysProblem(keysNamed, discovery));

    [Fact]
    public void KeysProblem_Neither_AsksForOneNamingTheCallersParameter()
    {
        var problem = KmsDecryptOptions.KeysProblem(keysNamed: false, discovery: false, "-SourceKeyId");

        Assert.Equal("DecryptKeysInvalid", problem?.Problem);
        Assert.StartsWith("Name the keys that may decrypt the message with -SourceKeyId, or add -Discovery", problem?.Message);
    }

    [Fact]
    public void KeysProblem_Both_SaysTheyExcludeEachOther()
    {
        var problem = KmsDecryptOptions.KeysProblem(keysNamed: true, discovery: true);

        Assert.StartsWith("-KeyId and -Discovery exclude each other", problem?.Message);
    }
}
