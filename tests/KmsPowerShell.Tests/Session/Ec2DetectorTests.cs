using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Session;

public sealed class Ec2DetectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dmi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DmiNamesAmazon_NoDmiFolder_IsFalse() => Assert.False(Ec2Detector.DmiNamesAmazon(Path.Combine(_folder, "missing")));

    [Theory]
    [InlineData("sys_vendor", "Amazon EC2")]
    [InlineData("bios_vendor", "Amazon EC2")]
    [InlineData("product_version", "4.11.amazon")]
    [InlineData("board_asset_tag", "i-0123456789abcdef0")]
    public void DmiNamesAmazon_Ec2Strings_IsTrue(string file, string text)
    {
        File.WriteAllText(Path.Combine(_folder, file), text + "\n");
        Assert.True(Ec2Detector.DmiNamesAmazon(_folder));
    }

    [Fact]
    public void DmiNamesAmazon_OtherVendor_IsFalse()
    {
        File.WriteAllText(Path.Combine(_folder, "sys_vendor"), "QEMU\n");
        File.WriteAllText(Path.Combine(_folder, "bios_vendor"), "SeaBIOS\n");
        Assert.False(Ec2Detector.DmiNamesAmazon(_folder));
    }
}
