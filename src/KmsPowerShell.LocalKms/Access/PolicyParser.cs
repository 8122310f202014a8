using System.Text;
using System.Text.Json;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>Reads a policy document's JSON into statements, refusing what KMS (for key policies) or IAM refuses.</summary>
internal sealed class PolicyParser(string text, PolicyFaultTexts faults, bool isKeyPolicy)
{
    private static readonly string[] DocumentElements = ["Version", "Id", "Statement"];
    private static readonly string[] StatementElements =
        ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public PolicyDocument Parse()
    {
        if (faults.MaxBytes is { } max && Encoding.UTF8.GetByteCount(text) > max) throw Fault(faults.TooLarge);
        if (isKeyPolicy && text.Any(c => !IsKeyPolicyCharacter(c))) throw Fault(faults.InvalidCharacters);
        using var document = ParseJson();
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Fault(faults.InvalidJson);
        RequireKnown(root, DocumentElements);
        var version = OptionalString(root, "Version");
        if (version is not null and not ("2012-10-17" or "2008-10-17")) throw Fault(faults.InvalidVersion, version);
        var id = OptionalString(root, "Id");
        if (!root.TryGetProperty("Statement", out var statement)) throw Fault(faults.MissingStatement);
        var items = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        if (items.Count == 0) throw Fault(faults.MissingStatement);
        var statements = items.Select(ParseStatement).ToList();
        if (!isKeyPolicy && statements.Where(s => s.Sid is { Length: > 0 }).GroupBy(s => s.Sid).Any(g => g.Count() > 1))
        {
            throw Fault(faults.DuplicateSid);
        }
        return new PolicyDocument(text, version, id, statements);
    }

    /// <summary>KMS: printable Basic Latin and Latin-1 Supplement characters, tab, line feed and carriage return.</summary>
    private static bool IsKeyPolicyCharacter(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or (>= '\u00A0' and <= '\u00FF');

    private JsonDocument ParseJson()
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw Fault(faults.InvalidJson);
        }
    }

    private PolicyStatement ParseStatement(JsonElement statement, int index)
    {
        if (statement.ValueKind != JsonValueKind.Object) throw Fault(faults.InvalidElement, "Statement");
        RequireKnown(statement, StatementElements);
        var sid = OptionalString(statement, "Sid");
        var effect = OptionalString(statement, "Effect") ?? throw Fault(faults.MissingEffect);
        if (effect is not ("Allow" or "Deny")) throw Fault(faults.InvalidEffect, effect);
        var principals = ParsePrincipals(statement);
        var (actions, notAction) = Pair(statement, "Action");
        if (!isKeyPolicy && actions is not { Count: > 0 }) throw Fault(faults.MissingActions);
        if (!isKeyPolicy && actions!.FirstOrDefault(a => a != "*" && !a.Contains(':')) is { } badAction) throw Fault(faults.InvalidAction, badAction);
        var (resources, notResource) = Pair(statement, "Resource");
        if (!isKeyPolicy && resources is not { Count: > 0 }) throw Fault(faults.MissingResources);
        if (!isKeyPolicy && resources!.FirstOrDefault(r => r != "*" && !r.StartsWith("arn:", StringComparison.Ordinal)) is { } badResource)
        {
            throw Fault(faults.InvalidResource, badResource);
        }
        var conditions = statement.TryGetProperty("Condition", out var condition) ? new ConditionParser(faults).Parse(condition) : [];
        return new PolicyStatement(index, sid, effect, principals, actions, notAction, resources, notResource, conditions);
    }

    private PolicyPrincipals? ParsePrincipals(JsonElement statement)
    {
        var has = statement.TryGetProperty("Principal", out var principal);
        var hasNot = statement.TryGetProperty("NotPrincipal", out var notPrincipal);
        if (!isKeyPolicy && (has || hasNot)) throw Fault(faults.PrincipalNotAllowed);
        if (has && hasNot) throw Fault(faults.BothElements, "Principal");
        if (!has && !hasNot)
        {
            return isKeyPolicy ? throw Fault(faults.MissingPrincipal) : null;
        }
        return new PrincipalParser(faults).Parse(has ? principal : notPrincipal, negated: hasNot);
    }

    /// <summary>X or NotX, as a list of strings: null when neither is present.</summary>
    private (IReadOnlyList<string>? Values, bool Negated) Pair(JsonElement statement, string name)
    {
        var has = statement.TryGetProperty(name, out var positive);
        var hasNot = statement.TryGetProperty("Not" + name, out var negative);
        if (has && hasNot) throw Fault(faults.BothElements, name);
        if (!has && !hasNot) return (null, false);
        return (Strings(has ? positive : negative, has ? name : "Not" + name), hasNot);
    }

    private IReadOnlyList<string> Strings(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            element.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => throw Fault(faults.InvalidElement, name),
    };

    private string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fault(faults.InvalidElement, name);
    }

    private void RequireKnown(JsonElement element, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal)) throw Fault(faults.UnknownElement, property.Name);
        }
    }

    internal static PolicyDocumentException Fault(string format, params object[] arguments) =>
        new(arguments.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arguments));
}
