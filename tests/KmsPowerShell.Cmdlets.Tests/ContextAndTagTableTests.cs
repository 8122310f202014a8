using System.Collections;

namespace KmsPowerShell.Cmdlets.Tests;

public class ContextTableTests
{
    [Fact]
    public void IsEmptyWithoutATable() => Assert.Empty(ContextTable.From(null));

    [Fact]
    public void TurnsEveryPairIntoTextAsKmsBindsIt()
    {
        var context = ContextTable.From(new Hashtable { ["tenant"] = "acme", ["year"] = 2026, ["note"] = null });
        Assert.Equal(3, context.Count);
        Assert.Equal("acme", context["tenant"]);
        Assert.Equal("2026", context["year"]);
        Assert.Equal("", context["note"]);
    }

    [Fact]
    public void KeepsKeysThatDifferOnlyInCaseApart()
    {
        var context = ContextTable.From(new Hashtable { ["Tenant"] = "a", ["tenant"] = "b" });
        Assert.Equal("a", context["Tenant"]);
        Assert.Equal("b", context["tenant"]);
    }

    [Fact]
    public void RefusesAnEmptyKey()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => ContextTable.From(new Hashtable { [""] = "value" }));
        Assert.Equal("EncryptionContextInvalid", refused.Problem);
    }
}

public class TagTableTests
{
    [Fact]
    public void IsEmptyWithoutATable() => Assert.Empty(TagTable.From(null));

    [Fact]
    public void TurnsEveryTagIntoTextAndTakesTheLongestKeysAndValuesKmsTakes()
    {
        var longKey = new string('k', 128);
        var tags = TagTable.From(new Hashtable { ["team"] = "payments", ["cost"] = 42, ["empty"] = null, [longKey] = new string('v', 256) });
        Assert.Equal("payments", tags["team"]);
        Assert.Equal("42", tags["cost"]);
        Assert.Equal("", tags["empty"]);
        Assert.Equal(256, tags[longKey].Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("aws:createdBy")]
    [InlineData("AWS:createdBy")]
    public void RefusesKeysKmsRefuses(string key)
    {
        var refused = Assert.Throws<KmsArgumentException>(() => TagTable.From(new Hashtable { [key] = "x" }));
        Assert.Equal("TagInvalid", refused.Problem);
    }

    [Fact]
    public void RefusesAKeyOver128Characters() =>
        Assert.Equal("TagInvalid", Assert.Throws<KmsArgumentException>(() => TagTable.From(new Hashtable { [new string('k', 129)] = "x" })).Problem);

    [Fact]
    public void RefusesAValueOver256CharactersSayingHowLongItIs()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => TagTable.From(new Hashtable { ["team"] = new string('v', 257) }));
        Assert.Equal("TagInvalid", refused.Problem);
        Assert.Equal("The value of tag 'team' is 257 characters; KMS allows 256.", refused.Message);
    }

    [Fact]
    public void TakesAKeyThatOnlyContainsAws() =>
        Assert.Equal("x", TagTable.From(new Hashtable { ["team:aws:x"] = "x" })["team:aws:x"]);
}
