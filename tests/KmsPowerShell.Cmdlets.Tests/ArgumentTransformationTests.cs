using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class SecondsOrTimeSpanAttributeTests
{
    private static object Transform(object input) => new SecondsOrTimeSpanAttribute().Transform(null!, input);

    [Theory]
    [InlineData(300)]
    [InlineData(300L)]
    [InlineData((short)300)]
    [InlineData(300.0)]
    [InlineData("300")]
    public void ReadsANumberAsSeconds(object seconds) => Assert.Equal(TimeSpan.FromMinutes(5), Transform(seconds));

    [Fact]
    public void ReadsFractionsAndWrappedNumbers()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Transform("1.5"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), Transform(0.25m));
        Assert.Equal(TimeSpan.FromSeconds(30), Transform(PSObject.AsPSObject(30)));
        Assert.Equal(TimeSpan.FromSeconds(2), Transform((byte)2));
    }

    [Fact]
    public void LeavesTimeSpansAndTheirTextToPowerShell()
    {
        var span = TimeSpan.FromHours(1);
        Assert.Equal(span, Transform(span));
        Assert.Equal("00:05:00", Transform("00:05:00"));
    }
}

public class Base64BytesAttributeTests
{
    private static object? Transform(object? input) => new Base64BytesAttribute().Transform(null!, input);

    [Fact]
    public void DecodesBase64TextIgnoringSurroundingWhitespace()
    {
        Assert.Equal(new byte[] { 1, 2, 3 }, Transform("AQID"));
        Assert.Equal(new byte[] { 1, 2, 3 }, Transform(" AQID\n"));
        Assert.Equal(new byte[] { 1, 2, 3 }, Transform(PSObject.AsPSObject("AQID")));
    }

    [Fact]
    public void LeavesBytesAndOtherValuesToPowerShell()
    {
        byte[] bytes = [4, 5];
        Assert.Same(bytes, Transform(bytes));
        Assert.Equal(7, Transform(7));
        Assert.Null(Transform(null));
    }

    [Fact]
    public void RefusesTextThatIsNotBase64() =>
        Assert.IsType<FormatException>(Assert.Throws<ArgumentTransformationMetadataException>(() => Transform("not base64!")).InnerException);
}

public class SuiteIdTextAttributeTests
{
    private static object Transform(object input) => new SuiteIdTextAttribute().Transform(null!, input);

    [Theory]
    [InlineData("0x0478", KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey)]
    [InlineData("0X0578", KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384)]
    [InlineData(" 0x478 ", KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey)]
    [InlineData("0x0014", KmsAlgorithmSuite.Aes128GcmNoKdf)]
    public void ReadsAHexadecimalSuiteId(string text, KmsAlgorithmSuite suite)
    {
        Assert.Equal(suite, Transform(text));
        Assert.Equal(suite, Transform(PSObject.AsPSObject(text)));
    }

    [Theory]
    [InlineData("Aes256GcmHkdfSha512CommitKey")]
    [InlineData("1144")]
    [InlineData("0x9999")]
    [InlineData("0xZZ")]
    [InlineData("0x10000")]
    public void LeavesNamesDecimalTextAndUnknownIdsToPowerShell(string text) => Assert.Equal(text, Transform(text));

    [Fact]
    public void LeavesNumbersAndSuitesToPowerShell()
    {
        Assert.Equal(0x0478, Transform(0x0478));
        Assert.Equal(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, Transform(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey));
    }
}
