using System.Collections.Specialized;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Operations;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Sts;

/// <summary>
/// STS AssumeRole: the role is a local principal whose ARN is that role's; the caller needs sts:AssumeRole on it from
/// its identity policies. Local roles have no trust policy, so any caller allowed that may assume any role, and an
/// ExternalId is accepted unchecked. The session's credentials live in memory until they expire on the local KMS's clock.
/// </summary>
internal sealed partial class StsAssumeRole
{
    private const int DefaultDurationSeconds = 3600;
    private const int MinDurationSeconds = 900;
    private const int MaxDurationSeconds = 43200;
    private readonly PrincipalDirectory _principals;
    private readonly TimeProvider _clock;

    public StsAssumeRole(PrincipalDirectory principals, TimeProvider clock)
    {
        _principals = principals;
        _clock = clock;
    }

    public SessionCredential Assume(Caller caller, NameValueCollection form)
    {
        var roleArn = Required(form, "RoleArn", "roleArn");
        var sessionName = Required(form, "RoleSessionName", "roleSessionName");
        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern().IsMatch(sessionName))
        {
            throw KmsErrors.Validation($"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: " +
                @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        }
        var duration = Duration(form["DurationSeconds"]);
        // A role is named in the partition of the Region the request is signed for, whichever partition it was added in.
        var role = _principals.All.Select(p => p.InPartitionOf(caller.Region))
            .FirstOrDefault(p => p.PrincipalArn == roleArn && PrincipalIdentity.Of(roleArn).Type == "Role");
        if (role is null || !MayAssume(caller, roleArn)) throw KmsErrors.AccessDenied(
            $"User: {caller.Principal.PrincipalArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");

        var identity = PrincipalIdentity.Of(roleArn);
        var partition = roleArn.Split(':')[1];
        var now = _clock.GetUtcNow();
        var session = new SessionCredential(
            role with
            {
                AccessKeyId = "ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
                SecretAccessKey = RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
                PrincipalArn = $"arn:{partition}:sts::{identity.Account}:assumed-role/{identity.Name}/{sessionName}",
            },
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            now.AddSeconds(duration),
            role.AccessKeyId);
        _principals.AddSession(session, now);
        return session;
    }

    /// <summary>Whether the caller's identity policies allow sts:AssumeRole on the role (IAM's evaluation, no resource policy).</summary>
    private bool MayAssume(Caller caller, string roleArn)
    {
        var principal = caller.Principal;
        var request = new AccessRequest
        {
            PrincipalArn = principal.PrincipalArn,
            Action = "sts:AssumeRole",
            Resource = roleArn,
            Context = new AccessContextBuilder().Caller(principal.PrincipalArn, principal.Tags, _clock.GetUtcNow(), caller.Region).Build(),
        };
        var policies = principal.EffectiveIdentityPolicies.Select(Authorizer.ParseIdentityPolicy).OfType<PolicyDocument>().ToList();
        return KeyAccessEvaluator.Evaluate(request, null, policies, []).IsAllowed;
    }

    private static string Required(NameValueCollection form, string name, string member) =>
        form[name] is { Length: > 0 } value ? value :
        throw KmsErrors.Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static int Duration(string? text)
    {
        if (text is null) return DefaultDurationSeconds;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw KmsErrors.Validation($"Value '{text}' for parameter DurationSeconds is invalid. Expected an integer.");
        }
        if (seconds < MinDurationSeconds)
        {
            throw KmsErrors.Validation($"1 validation error detected: Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to {MinDurationSeconds}");
        }
        if (seconds > MaxDurationSeconds)
        {
            throw KmsErrors.Validation($"1 validation error detected: Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to {MaxDurationSeconds}");
        }
        return seconds;
    }

    private static string RandomText(int length, string alphabet) => RandomNumberGenerator.GetString(alphabet, length);

    [GeneratedRegex(@"^[\w+=,.@-]+$")]
    private static partial Regex SessionNamePattern();
}
