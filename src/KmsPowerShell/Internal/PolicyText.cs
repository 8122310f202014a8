using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>A key policy from -Policy (text) or -PolicyPath (a file), checked as JSON before any call.</summary>
internal static class PolicyText
{
    public static string? Read(PSCmdlet cmdlet, string? policy, string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            var file = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(file))
            {
                throw new KmsArgumentException("PolicyFileNotFound", $"The policy file '{file}' does not exist.");
            }
            policy = File.ReadAllText(file);
        }
        return policy is null ? null : PolicyDocument.Require(policy);
    }
}
