using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text;

namespace KmsPowerShell.Cmdlets.Tests;

public class SecretValueTests
{
    [Fact]
    public void TakesTextAsUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("pässwörd €"), SecretValue.ToBytes("pässwörd €"));
        Assert.Equal(Encoding.UTF8.GetBytes("wrapped"), SecretValue.ToBytes(PSObject.AsPSObject("wrapped")));
    }

    [Fact]
    public void CopiesBytesSoTheCallerMayZeroWhatItIsGiven()
    {
        byte[] given = [1, 2, 3];
        var bytes = SecretValue.ToBytes(given);
        Assert.NotSame(given, bytes);
        SecretValue.Zero(bytes);
        Assert.Equal([1, 2, 3], given);
        Assert.Equal([0, 0, 0], bytes);
    }

    [Fact]
    public void TakesASecureStringAsUtf8()
    {
        using var secure = new NetworkCredential("", "sécret").SecurePassword;
        Assert.Equal(Encoding.UTF8.GetBytes("sécret"), SecretValue.ToBytes(secure));
    }

    [Fact]
    public void RoundTripsThroughAReadOnlySecureString()
    {
        var utf8 = Encoding.UTF8.GetBytes("naïve 🔑");
        using var secure = SecretValue.ToSecureString(utf8);
        Assert.True(secure.IsReadOnly());
        Assert.Equal("naïve 🔑".Length, secure.Length);
        Assert.Equal("naïve 🔑", new NetworkCredential("", secure).Password);
        Assert.Equal(utf8, SecretValue.ToBytes(secure));
    }

    [Fact]
    public void RefusesOtherTypesNamingTheTypeNeverTheValue()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => SecretValue.ToBytes(new StringBuilder("hunter2")));
        Assert.Equal("ValueTypeInvalid", refused.Problem);
        Assert.Contains("StringBuilder", refused.Message);
        Assert.DoesNotContain("hunter2", refused.Message);
        Assert.Contains("Int32", Assert.Throws<KmsArgumentException>(() => SecretValue.ToBytes(42)).Message);
    }

    [Fact]
    public void ZeroesBytesAndToleratesNull()
    {
        byte[] bytes = [9, 8, 7];
        SecretValue.Zero(bytes);
        Assert.All(bytes, b => Assert.Equal(0, b));
        SecretValue.Zero(null);
    }
}
