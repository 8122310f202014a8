using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Tags;

/// <summary>Reads a Tags list ([{TagKey, TagValue}]) and applies AWS's tag rules.</summary>
internal static class TagList
{
    public const int MaxTagsPerKey = 50;

    public static List<StoredTag> Read(RequestReader request, string member, bool required = false)
    {
        var tags = new List<StoredTag>();
        var array = request.Array(member);
        if (array is null)
        {
            if (required) request.AddViolation(ValidationMessage.Null(ValidationMessage.FieldName(member)));
            return tags;
        }
        foreach (var item in array)
        {
            if (item is not JsonObject tag) throw KmsErrors.Serialization($"Expected a structure in '{member}'");
            var entry = new RequestReader(tag, $"{ValidationMessage.FieldName(member)}.{tags.Count + 1}.member.");
            var key = entry.RequiredString("TagKey", 1, 128);
            var value = entry.String("TagValue", 0, 256, required: true) ?? "";
            entry.ThrowIfInvalid();
            tags.Add(new StoredTag { TagKey = key, TagValue = value });
        }
        return tags;
    }

    /// <summary>AWS's tag rules in its order, with its TagException texts: duplicates, too many, the aws: prefix.</summary>
    public static void CheckRules(IReadOnlyCollection<StoredTag> tags)
    {
        if (tags.Select(t => t.TagKey).Distinct(StringComparer.Ordinal).Count() != tags.Count) throw KmsErrors.Tag("Duplicate tag keys");
        if (tags.Count > MaxTagsPerKey) throw TooMany();
        if (tags.Any(t => t.TagKey.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))) throw KmsErrors.Tag("Tags beginning with aws: are reserved");
    }

    public static KmsErrorException TooMany() => KmsErrors.Tag("Too many tags");

    public static void Merge(StoredKey key, IEnumerable<StoredTag> tags)
    {
        foreach (var tag in tags)
        {
            key.Tags.RemoveAll(t => t.TagKey == tag.TagKey);
            key.Tags.Add(tag);
        }
        if (key.Tags.Count > MaxTagsPerKey) throw TooMany();
    }

    public static JsonArray Write(IEnumerable<StoredTag> tags) =>
        new(tags.Select(t => (JsonNode?)new JsonObject { ["TagKey"] = t.TagKey, ["TagValue"] = t.TagValue }).ToArray());

    public static List<StoredTag> Copy(IEnumerable<StoredTag> tags) => tags.Select(t => new StoredTag { TagKey = t.TagKey, TagValue = t.TagValue }).ToList();

}
