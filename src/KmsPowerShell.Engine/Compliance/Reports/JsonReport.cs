using System.Text.Json;
using System.Text.Json.Serialization;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// The JSON form: an array of the findings with every property (null ones too), severities by name, times in ISO 8601,
/// the fix as an object; ConvertFrom-Json reads it back.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Render(ComplianceReport report) => JsonSerializer.Serialize(report.Findings, Options) + "\n";
}
