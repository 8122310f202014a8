using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// Whether a KMS cmdlet with no session may build one from the standard AWS chain: $KmsAutoConnectPreference
/// ('Chain', the default, or 'None') in the caller's scope, and $env:KMSPS_NO_AUTOCONNECT (1 or true). Either one turns it off.
/// </summary>
internal static class AutoConnectPreference
{
    public const string VariableName = "KmsAutoConnectPreference";
    public const string EnvironmentName = "KMSPS_NO_AUTOCONNECT";

    /// <summary>What turned automatic sessions off, for the error; null when they are on.</summary>
    public static string? WhyOff(SessionState sessionState)
    {
        var value = sessionState.PSVariable.GetValue(VariableName)?.ToString()?.Trim();
        if (string.Equals(value, "None", StringComparison.OrdinalIgnoreCase)) return $"${VariableName} is 'None'";
        if (!string.IsNullOrEmpty(value) && !string.Equals(value, "Chain", StringComparison.OrdinalIgnoreCase))
        {
            throw new KmsConfigurationException("AutoConnectPreferenceInvalid", $"${VariableName} must be 'Chain' or 'None', not '{value}'.");
        }
        var environment = Environment.GetEnvironmentVariable(EnvironmentName)?.Trim();
        return environment is "1" || string.Equals(environment, "true", StringComparison.OrdinalIgnoreCase) ? $"{EnvironmentName} is '{environment}'" : null;
    }
}
