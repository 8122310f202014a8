using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>A policy from -Policy (text) or -PolicyPath (a file), checked as JSON before any call.</summary>
internal static class PolicyText
{
    public static string? Read(PSCmdlet cmdlet, string? policy, string? path)
    {
        if (!string.IsNullOrEmpty(path)) policy = ReadFile(cmdlet, path);
        return policy is null ? null : PolicyDocument.Require(policy);
    }

    /// <summary>The text of a policy file (a PowerShell path), unchecked.</summary>
    public static string ReadFile(PSCmdlet cmdlet, string path)
    {
        var file = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (!File.Exists(file))
        {
            throw new KmsArgumentException("PolicyFileNotFound", $"The policy file '{file}' does not exist.");
        }
        return File.ReadAllText(file);
    }
}
