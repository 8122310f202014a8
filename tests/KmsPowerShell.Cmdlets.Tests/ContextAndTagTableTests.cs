using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class ContextTableTests
{
    [Fact]
    public void IsEmptyWithoutATable() => Assert.Empty(ContextTable.From(null));

    [Fact]
    public void TurnsEveryPairIntoTextAsKmsBindsIt()
    {
        var context = ContextTable.From(new Hashtable { ["tenant"] = "acme", ["year"] = 2026, ["note"] = "" });
        Assert.Equal(3, context.Count);
        Assert.Equal("acme", context["tenant"]);
        Assert.Equal("2026", context["year"]);
        Assert.Equal("", context["note"]);
    }

    [Fact]
    public void TakesScalarsAsTheirInvariantTextOnEveryCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var context = ContextTable.From(new Hashtable
            {
                ["ratio"] = 1.5, ["price"] = 2.25m, ["big"] = 12345678901L, ["on"] = true, ["grade"] = 'A',
                ["day"] = DayOfWeek.Monday, ["id"] = Guid.Empty, ["wrapped"] = PSObject.AsPSObject("text"), [7] = "seven",
            });
            Assert.Equal("1.5", context["ratio"]);
            Assert.Equal("2.25", context["price"]);
            Assert.Equal("12345678901", context["big"]);
            Assert.Equal("True", context["on"]);
            Assert.Equal("A", context["grade"]);
            Assert.Equal("Monday", context["day"]);
            Assert.Equal("00000000-0000-0000-0000-000000000000", context["id"]);
            Assert.Equal("text", context["wrapped"]);
            Assert.Equal("seven", context["7"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    public static TheoryData<object?, string> NotText => new()
    {
        { null, "is $null" },
        { new object[] { 1, 2 }, "is a collection (System.Object[] of 2 items)" },
        { PSObject.AsPSObject(new object[] { 1, 2 }), "is a collection (System.Object[] of 2 items)" },
        { new Hashtable { ["a"] = 1 }, "is a collection (System.Collections.Hashtable of 1 item)" },
        { new DateTime(2026, 1, 2), "is a System.DateTime" },
        { new PSObject(), "is a System.Management.Automation.PSCustomObject" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public void RefusesValuesThatAreNotTextOrAScalarNamingTheParameterAndTheKey(object? value, string what)
    {
        var refused = Assert.Throws<KmsArgumentException>(() => ContextTable.From(new Hashtable { ["tenant"] = value }, "-EncryptionContextSubset"));

        Assert.Equal("EncryptionContextInvalid", refused.Problem);
        Assert.StartsWith($"The -EncryptionContextSubset value of 'tenant' {what}; values are single strings", refused.Message);
    }

    [Fact]
    public void RefusesAKeyThatIsNotText()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => ContextTable.From(new Hashtable { [new object[] { 1 }] = "x" }));

        Assert.Equal("EncryptionContextInvalid", refused.Problem);
        Assert.Equal("An -EncryptionContext key is a collection (System.Object[] of 1 item); keys are text.", refused.Message);
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
