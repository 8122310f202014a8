using System.Globalization;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>Applies a finding's <see cref="KmsComplianceFix"/> through a session of the finding's account, in its region.</summary>
public sealed class ComplianceRepair(KmsSession session)
{
    private const string RotationPeriodInDays = "RotationPeriodInDays";
    private const string TagKey = "TagKey";
    private const string TagValue = "TagValue";

    /// <summary>
    /// The fix with what a person gives at repair time: a rotation period (over the one the check proposed), and the
    /// value of the tag a TagResource fix sets (a scan cannot know who owns a key). Throws TagValueMissing without it.
    /// </summary>
    public static KmsComplianceFix Complete(KmsComplianceFix fix, int? rotationPeriodInDays, IReadOnlyDictionary<string, string> tagValues)
    {
        var arguments = new Dictionary<string, string>(fix.Arguments, StringComparer.Ordinal);
        if (fix.Action == KmsComplianceFixActions.EnableKeyRotation && rotationPeriodInDays is { } days)
        {
            arguments[RotationPeriodInDays] = days.ToString(CultureInfo.InvariantCulture);
        }
        if (fix.Action == KmsComplianceFixActions.TagResource)
        {
            var tagKey = Argument(fix, TagKey);
            if (tagValues.TryGetValue(tagKey, out var value)) arguments[TagValue] = value;
            else if (!arguments.ContainsKey(TagValue))
            {
                throw new KmsArgumentException("TagValueMissing",
                    $"The fix tags the key {tagKey}, with a value only a person can give: add -Tag @{{ {CheckFacts.Quoted(tagKey)} = '...' }}.");
            }
        }
        return fix with { Arguments = arguments };
    }

    /// <summary>The fix as a person reads it (what -WhatIf and the confirmation show), naming the key or store and the change.</summary>
    public static string Describe(KmsComplianceFix fix) => fix.Action switch
    {
        KmsComplianceFixActions.EnableKeyRotation => RotationPeriod(fix) is { } days ? $"Enable automatic rotation every {days} days" : "Enable automatic rotation",
        KmsComplianceFixActions.CancelKeyDeletion => "Cancel the scheduled deletion (the key comes back Disabled)",
        KmsComplianceFixActions.RetireGrant => $"Retire grant {Argument(fix, "GrantId")}",
        KmsComplianceFixActions.RevokeGrant => $"Revoke grant {Argument(fix, "GrantId")}",
        KmsComplianceFixActions.TagResource => $"Tag {Argument(fix, TagKey)}={TagValueOf(fix)}",
        KmsComplianceFixActions.ConnectCustomKeyStore => "Connect the custom key store",
        KmsComplianceFixActions.PutKeyPolicy => "Replace the key policy",
        _ => throw UnknownAction(fix),
    };

    /// <summary>True for the changes Repair asks about with ConfirmImpact High: a key policy, or revoking a grant.</summary>
    public static bool IsHighImpact(KmsComplianceFix fix) => fix.IsPolicyChange || fix.Action == KmsComplianceFixActions.RevokeGrant;

    /// <summary>Throws when the fix cannot be applied to the finding at all (an unknown action, a key fix without a key).</summary>
    public static void Validate(KmsComplianceFinding finding, KmsComplianceFix fix)
    {
        _ = Describe(fix);
        var needsKey = fix.Action != KmsComplianceFixActions.ConnectCustomKeyStore;
        if (needsKey ? finding.KeyArn is null && finding.KeyId is null : finding.CustomKeyStoreId is null)
        {
            throw new KmsArgumentException("FixNotApplicable", $"The fix {fix.Action} of finding {finding} names no {(needsKey ? "key" : "custom key store")}.");
        }
    }

    public async Task ApplyAsync(KmsComplianceFinding finding, KmsComplianceFix fix, CancellationToken cancellationToken)
    {
        Validate(finding, fix);
        var key = new KeyRequest(finding.KeyArn ?? finding.KeyId ?? "", finding.Region);
        switch (fix.Action)
        {
            case KmsComplianceFixActions.EnableKeyRotation:
                await new KmsRotationAdmin(session).EnableAsync(key, RotationPeriod(fix), cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.CancelKeyDeletion:
                await new KmsKeyAdmin(session).CancelDeletionAsync(key, cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.RetireGrant:
                await new KmsGrantAdmin(session).RetireAsync(finding.Region, null, key, Argument(fix, "GrantId"), cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.RevokeGrant:
                await new KmsGrantAdmin(session).RevokeAsync(key, Argument(fix, "GrantId"), cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.TagResource:
                var tag = new Dictionary<string, string> { [Argument(fix, TagKey)] = TagValueOf(fix) };
                await new KmsTagAdmin(session).AddAsync(key, tag, cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.ConnectCustomKeyStore:
                await new KmsCustomKeyStoreAdmin(session).ConnectAsync(finding.Region, finding.CustomKeyStoreId!, cancellationToken).ConfigureAwait(false);
                break;
            case KmsComplianceFixActions.PutKeyPolicy:
                await new KmsPolicyAdmin(session).PutAsync(key, Argument(fix, "Policy"), false, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The period the check proposed or the person gave; neither leaves KMS's default (365).</summary>
    private static int? RotationPeriod(KmsComplianceFix fix) =>
        fix.Arguments.TryGetValue(RotationPeriodInDays, out var days) && int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>A tag's value may be empty in KMS, unlike the other arguments.</summary>
    private static string TagValueOf(KmsComplianceFix fix) =>
        fix.Arguments.TryGetValue(TagValue, out var value) ? value
            : throw new KmsArgumentException("FixNotApplicable", $"The fix {fix.Action} lacks its argument {TagValue}.");

    private static string Argument(KmsComplianceFix fix, string name) =>
        fix.Arguments.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value
            : throw new KmsArgumentException("FixNotApplicable", $"The fix {fix.Action} lacks its argument {name}.");

    private static KmsArgumentException UnknownAction(KmsComplianceFix fix) =>
        new("FixNotApplicable", $"Repair-KmsComplianceFinding does not know the fix '{fix.Action}'; a person must apply it.");
}
