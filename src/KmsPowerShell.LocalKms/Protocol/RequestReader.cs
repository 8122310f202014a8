using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>
/// Reads members of a JSON request body and collects every constraint violation, so one ValidationException
/// lists them all as AWS does. Call <see cref="ThrowIfInvalid"/> before acting on what was read.
/// </summary>
internal sealed class RequestReader
{
    private readonly JsonObject _body;
    private readonly List<string> _violations = [];
    private readonly string _fieldPrefix;

    /// <param name="body">The request body, or a structure inside it.</param>
    /// <param name="fieldPrefix">Where that structure sits in the request, as AWS names it in violations: "tags.1.member.".</param>
    public RequestReader(JsonObject body, string fieldPrefix = "")
    {
        _body = body;
        _fieldPrefix = fieldPrefix;
    }

    private string FieldName(string member) => _fieldPrefix + ValidationMessage.FieldName(member);

    public bool Has(string member) => _body[member] is not null;

    /// <summary>A member as sent, unchecked and without recording a violation: for condition keys, not for acting on.</summary>
    public JsonNode? Raw(string member) => _body[member];

    public string? String(string member, int min, int max, bool required = false, Regex? pattern = null)
    {
        var value = Scalar<string>(member, JsonValueKind.String);
        if (value is null)
        {
            if (required) _violations.Add(ValidationMessage.Null(FieldName(member)));
            return null;
        }
        var field = FieldName(member);
        if (value.Length < min) _violations.Add(ValidationMessage.Constraint(value, field, ValidationMessage.MinLength(min)));
        else if (value.Length > max) _violations.Add(ValidationMessage.Constraint(value, field, ValidationMessage.MaxLength(max)));
        else if (pattern is not null && !MatchesWhole(pattern, value)) _violations.Add(ValidationMessage.Constraint(value, field, ValidationMessage.Pattern(pattern.ToString())));
        return value;
    }

    private static bool MatchesWhole(Regex pattern, string value) => pattern.Match(value) is { Success: true, Index: 0 } match && match.Length == value.Length;

    public string RequiredString(string member, int min, int max, Regex? pattern = null) => String(member, min, max, true, pattern) ?? "";

    public string? Enum(string member, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var value = String(member, 0, int.MaxValue, required);
        if (value is not null && !allowed.Contains(value))
        {
            _violations.Add(ValidationMessage.Constraint(value, FieldName(member), ValidationMessage.Enum(allowed)));
        }
        return value;
    }

    public int? Int(string member, int min, int max, bool required = false)
    {
        var node = _body[member];
        if (node is null)
        {
            if (required) _violations.Add(ValidationMessage.Null(FieldName(member)));
            return null;
        }
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out long number))
        {
            throw KmsErrors.Serialization($"NUMBER_VALUE can not be converted to an Integer at '{member}'");
        }
        var field = FieldName(member);
        if (number < min) _violations.Add(ValidationMessage.Constraint(number.ToString(), field, ValidationMessage.MinValue(min)));
        else if (number > max) _violations.Add(ValidationMessage.Constraint(number.ToString(), field, ValidationMessage.MaxValue(max)));
        return (int)Math.Clamp(number, int.MinValue, int.MaxValue);
    }

    /// <summary>A timestamp, as the SDKs send it in KMS's JSON protocol: seconds since the epoch, with a fraction.</summary>
    public DateTimeOffset? Timestamp(string member)
    {
        var node = _body[member];
        if (node is null) return null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out double seconds)
            || double.IsNaN(seconds) || Math.Abs(seconds) > 253402300799)
        {
            throw KmsErrors.Serialization($"Expected a timestamp at '{member}'");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }

    public bool Bool(string member)
    {
        var node = _body[member];
        if (node is null) return false;
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return value.GetValue<bool>();
        throw KmsErrors.Serialization($"Expected a boolean at '{member}'");
    }

    /// <summary>A base64 blob. Violations never show the value: blobs carry plaintext.</summary>
    public byte[]? Blob(string member, int min, int max, bool required = false)
    {
        var text = Scalar<string>(member, JsonValueKind.String);
        if (text is null)
        {
            if (required) _violations.Add(ValidationMessage.Null(FieldName(member)));
            return null;
        }
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException) { throw KmsErrors.Serialization($"Base64 encoded value expected at '{member}'"); }
        var field = FieldName(member);
        if (bytes.Length < min) _violations.Add(ValidationMessage.Constraint(null, field, ValidationMessage.MinLength(min)));
        else if (bytes.Length > max) _violations.Add(ValidationMessage.Constraint(null, field, ValidationMessage.MaxLength(max)));
        return bytes;
    }

    public Dictionary<string, string> StringMap(string member)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = _body[member];
        if (node is null) return result;
        if (node is not JsonObject map) throw KmsErrors.Serialization($"Expected a map at '{member}'");
        foreach (var (key, value) in map)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) throw KmsErrors.Serialization($"Expected a string value in '{member}'");
            result[key] = v.GetValue<string>();
        }
        return result;
    }

    public List<string> StringList(string member, int maxCount, int itemMin, int itemMax, bool required = false)
    {
        var items = new List<string>();
        var node = _body[member];
        if (node is null)
        {
            if (required) _violations.Add(ValidationMessage.Null(FieldName(member)));
            return items;
        }
        if (node is not JsonArray array) throw KmsErrors.Serialization($"Expected a list at '{member}'");
        var field = FieldName(member);
        if (array.Count > maxCount)
        {
            _violations.Add(ValidationMessage.Constraint(null, field, $"Member must have length less than or equal to {maxCount}"));
        }
        foreach (var item in array)
        {
            if (item is not JsonValue v || v.GetValueKind() != JsonValueKind.String) throw KmsErrors.Serialization($"Expected strings in '{member}'");
            var text = v.GetValue<string>();
            if (text.Length < itemMin || text.Length > itemMax)
            {
                _violations.Add(ValidationMessage.Constraint(null, field,
                    $"Member must satisfy constraint: [Member must have length less than or equal to {itemMax}, Member must have length greater than or equal to {itemMin}]"));
            }
            items.Add(text);
        }
        return items;
    }

    /// <summary>A list of enum values; one violation names the whole list, as AWS does.</summary>
    public List<string> EnumList(string member, IReadOnlyCollection<string> allowed)
    {
        var items = StringList(member, int.MaxValue, 0, int.MaxValue);
        if (items.Any(item => !allowed.Contains(item)))
        {
            _violations.Add(ValidationMessage.Constraint($"[{string.Join(", ", items)}]", FieldName(member), ValidationMessage.EnumItems(allowed)));
        }
        return items;
    }

    public JsonArray? Array(string member)
    {
        var node = _body[member];
        if (node is null) return null;
        return node as JsonArray ?? throw KmsErrors.Serialization($"Expected a list at '{member}'");
    }

    public JsonObject? Object(string member)
    {
        var node = _body[member];
        if (node is null) return null;
        return node as JsonObject ?? throw KmsErrors.Serialization($"Expected a structure at '{member}'");
    }

    public void AddViolation(string violation) => _violations.Add(violation);

    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0) throw KmsErrors.Validation(ValidationMessage.Combine(_violations));
    }

    private T? Scalar<T>(string member, JsonValueKind kind) where T : class
    {
        var node = _body[member];
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == kind) return value.GetValue<T>();
        throw KmsErrors.Serialization($"Unexpected value type at '{member}'");
    }
}
