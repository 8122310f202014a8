namespace KmsPowerShell.Engine.Session;

/// <summary>
/// Off EC2, asking the instance metadata service for credentials only waits for a timeout. On Linux the DMI
/// strings say whether this is an EC2 instance; elsewhere we cannot tell cheaply and let the SDK ask.
/// </summary>
internal static class Ec2Detector
{
    private const string DmiFolder = "/sys/devices/virtual/dmi/id";

    public static bool MayBeEc2()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(DmiFolder)) return true;
        foreach (var name in new[] { "sys_vendor", "bios_vendor", "product_version", "board_asset_tag" })
        {
            var text = TryRead(Path.Combine(DmiFolder, name));
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
