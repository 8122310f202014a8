using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class CiphertextValueTests
{
    [Fact]
    public void DecodesBase64TextIgnoringSurroundingWhitespace()
    {
        Assert.Equal([1, 2, 3, 4], CiphertextValue.ToBytes("AQIDBA=="));
        Assert.Equal([1, 2, 3, 4], CiphertextValue.ToBytes("  AQIDBA==\r\n"));
        Assert.Equal([1, 2, 3, 4], CiphertextValue.ToBytes(PSObject.AsPSObject("AQIDBA==")));
    }

    [Fact]
    public void TakesBytesAsTheyAre()
    {
        byte[] blob = [5, 6, 7];
        Assert.Same(blob, CiphertextValue.ToBytes(blob));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    [InlineData("   ")]
    public void RefusesTextThatIsNotBase64OrIsEmpty(string text)
    {
        var refused = Assert.Throws<KmsArgumentException>(() => CiphertextValue.ToBytes(text));
        Assert.Equal("CiphertextInvalid", refused.Problem);
    }

    [Fact]
    public void UsesTheCiphertextBlobOfAPipedObjectFirst()
    {
        var piped = new PSObject();
        piped.Properties.Add(new PSNoteProperty("Ciphertext", "AQID"));
        piped.Properties.Add(new PSNoteProperty("CiphertextBlob", new byte[] { 9, 9 }));
        Assert.Equal([9, 9], CiphertextValue.ToBytes(piped));
    }

    [Fact]
    public void UsesTheCiphertextTextOfAPipedObject()
    {
        var piped = new PSObject();
        piped.Properties.Add(new PSNoteProperty("Ciphertext", PSObject.AsPSObject("AQID")));
        Assert.Equal([1, 2, 3], CiphertextValue.ToBytes(piped));
    }

    [Fact]
    public void ReadsTheCiphertextOfADataKey()
    {
        var dataKey = new DataKeyLike([7, 7, 7]);
        Assert.Equal([7, 7, 7], CiphertextValue.ToBytes(dataKey));
    }

    [Fact]
    public void RefusesOtherObjectsNamingTheirType()
    {
        var refused = Assert.Throws<KmsArgumentException>(() => CiphertextValue.ToBytes(42));
        Assert.Equal("CiphertextTypeInvalid", refused.Problem);
        Assert.Contains("Int32", refused.Message);
        var piped = new PSObject();
        piped.Properties.Add(new PSNoteProperty("Ciphertext", 12));
        Assert.Equal("CiphertextTypeInvalid", Assert.Throws<KmsArgumentException>(() => CiphertextValue.ToBytes(piped)).Problem);
    }

    public sealed record DataKeyLike(byte[] CiphertextBlob);
}
