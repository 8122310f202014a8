namespace KmsPowerShell.Engine.Session;

/// <summary>
/// Off EC2, asking the instance metadata service for credentials sends traffic to 169.254.169.254 and waits for a
/// timeout. Every EC2 Linux instance (Xen or Nitro) has DMI strings that name Amazon; a Linux machine whose DMI says
/// otherwise, or that has no DMI at all (containers without sysfs, micro-VMs), is not one. Elsewhere we cannot tell
/// cheaply and let the SDK ask.
/// </summary>
internal static class Ec2Detector
{
    private const string DmiFolder = "/sys/devices/virtual/dmi/id";

    public static bool MayBeEc2() => !OperatingSystem.IsLinux() || DmiNamesAmazon(DmiFolder);

    internal static bool DmiNamesAmazon(string dmiFolder)
    {
        if (!Directory.Exists(dmiFolder)) return false;
        foreach (var name in new[] { "sys_vendor", "bios_vendor", "product_version", "board_asset_tag" })
        {
            var text = TryRead(Path.Combine(dmiFolder, name));
            if (text.Contains("amazon", StringComparison.OrdinalIgnoreCase) || text.StartsWith("i-", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string TryRead(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : ""; }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
