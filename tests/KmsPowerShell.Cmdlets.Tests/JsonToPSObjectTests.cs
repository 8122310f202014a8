using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class JsonToPSObjectTests
{
    [Fact]
    public void GivesTheShapesConvertFromJsonGives()
    {
        var policy = Assert.IsType<PSObject>(JsonToPSObject.Convert(
            """{"Version":"2012-10-17","Count":3,"Ratio":0.5,"Big":9007199254740993,"On":true,"Off":false,"None":null,"Statement":[{"Sid":"a"},"b",[1]]}"""));
        Assert.Equal(["Version", "Count", "Ratio", "Big", "On", "Off", "None", "Statement"], policy.Properties.Select(p => p.Name));
        Assert.Equal("2012-10-17", policy.Properties["Version"].Value);
        Assert.Equal(3L, policy.Properties["Count"].Value);
        Assert.Equal(0.5, policy.Properties["Ratio"].Value);
        Assert.Equal(9007199254740993L, policy.Properties["Big"].Value);
        Assert.Equal(true, policy.Properties["On"].Value);
        Assert.Equal(false, policy.Properties["Off"].Value);
        Assert.Null(policy.Properties["None"].Value);
        var statement = Assert.IsType<object?[]>(policy.Properties["Statement"].Value);
        Assert.Equal("a", Assert.IsType<PSObject>(statement[0]).Properties["Sid"].Value);
        Assert.Equal("b", statement[1]);
        Assert.Equal([1L], Assert.IsType<object?[]>(statement[2]));
    }

    [Fact]
    public void GivesPlainValuesAtTheTop()
    {
        Assert.Equal("text", JsonToPSObject.Convert("\"text\""));
        Assert.Null(JsonToPSObject.Convert("null"));
        Assert.Empty(Assert.IsType<object?[]>(JsonToPSObject.Convert("[]")));
    }
}
