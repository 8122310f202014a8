using System.Management.Automation;
using System.Text;

namespace KmsPowerShell.Cmdlets.Tests;

public class MessageValueTests
{
    [Fact]
    public void SignsTextAsUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("grüße"), MessageValue.ToBytes("grüße"));
        Assert.Equal(Encoding.UTF8.GetBytes("wrapped"), MessageValue.ToBytes(PSObject.AsPSObject("wrapped")));
    }

    [Fact]
    public void TakesBytesAsTheyAre()
    {
        byte[] message = [1, 2];
        Assert.Same(message, MessageValue.ToBytes(message));
    }

    [Fact]
    public void TakesAnArrayOfBytesAsPowerShellBuildsIt()
    {
        // @(1, 2) | ForEach-Object { [byte]$_ } arrives as object[], some items wrapped.
        object[] items = [(byte)1, PSObject.AsPSObject((byte)2), (byte)255];
        Assert.Equal([1, 2, 255], MessageValue.ToBytes(items));
    }

    [Fact]
    public void RefusesAnArrayThatHoldsAnythingButBytes()
    {
        object[] items = [(byte)1, 2];
        Assert.Equal("MessageInvalid", Assert.Throws<KmsArgumentException>(() => MessageValue.ToBytes(items)).Problem);
    }

    [Fact]
    public void RefusesOtherTypesNamingTheType()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => MessageValue.ToBytes(DateTime.UnixEpoch));
        Assert.Equal("MessageInvalid", refused.Problem);
        Assert.Contains("DateTime", refused.Message);
    }
}
