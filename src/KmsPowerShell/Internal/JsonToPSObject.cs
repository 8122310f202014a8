using System.Management.Automation;
using System.Text.Json;

namespace KmsPowerShell;

/// <summary>Turns JSON into PSCustomObjects, arrays and plain values, the shape ConvertFrom-Json gives.</summary>
internal static class JsonToPSObject
{
    public static object? Convert(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Convert(document.RootElement);
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static PSObject ToObject(JsonElement element)
    {
        var result = new PSObject();
        foreach (var property in element.EnumerateObject()) result.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
        return result;
    }
}
