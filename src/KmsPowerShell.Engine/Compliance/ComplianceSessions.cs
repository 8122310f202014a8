using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KmsPowerShell.Engine.Session;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The accounts a compliance scan reaches from a session: whose account the session is (STS GetCallerIdentity), a
/// session for a role in another account (STS AssumeRole), and the regions of the session's partition. STS is asked
/// where the session's KMS calls go, so moto and the local KMS (in this process or served) answer it offline; the
/// local KMS's roles are the principals whose ARN is the role's (Add-KmsLocalPrincipal makes one per account).
/// </summary>
public static class ComplianceSessions
{
    public const string DefaultRoleSessionName = "KmsPowerShellCompliance";

    /// <summary>The account the session's credentials belong to.</summary>
    public static async Task<string> AccountOfAsync(KmsSession session, CancellationToken cancellationToken)
    {
        using var sts = StsClient(session);
        try
        {
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return identity.Account;
        }
        catch (AmazonServiceException e)
        {
            throw new KmsServiceException(e.ErrorCode ?? "ServiceError", $"STS GetCallerIdentity failed: {e.Message}", (int)e.StatusCode, e.RequestId, e);
        }
        catch (AmazonClientException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KmsServiceException("EndpointUnreachable", $"STS could not be reached: {e.Message}", 0, null, e);
        }
    }

    /// <summary>A session with the role's temporary credentials, in the same region, endpoint and retry settings as <paramref name="session"/>.</summary>
    public static async Task<KmsSession> AssumeRoleAsync(KmsSession session, string roleArn, string? externalId, string sessionName,
        CancellationToken cancellationToken)
    {
        using var sts = StsClient(session);
        AssumeRoleResponse response;
        try
        {
            var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, ExternalId = externalId };
            response = await sts.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException && !cancellationToken.IsCancellationRequested)
        {
            throw RoleNotAssumed(roleArn, e.Message, e);
        }
        var credentials = response.Credentials;
        return Derived(session, credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    /// <summary>The clock findings are judged by: the local KMS's (Set-KmsLocalClock moves it), else the system's.</summary>
    public static TimeProvider ClockOf(KmsSession session) => LocalKmsOf(session)?.Clock ?? TimeProvider.System;

    /// <summary>
    /// Every region of the session region's partition that this SDK knows (aws, aws-cn, aws-us-gov, ...). Which of them the
    /// account has enabled is told by asking: an opt-in region the account has not enabled refuses the credentials
    /// (<see cref="IsRegionNotEnabled"/>), and a scan of every region skips it.
    /// </summary>
    public static IReadOnlyList<string> PartitionRegions(string region)
    {
        var partition = RegionEndpoint.GetBySystemName(region).PartitionName;
        return RegionEndpoint.EnumerableAllRegions.Where(r => r.PartitionName == partition).Select(r => r.SystemName)
            .Where(RegionName.IsValid).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The region that stands for every region of the session's partition in -Region.</summary>
    public const string EveryRegion = "*";

    /// <summary>
    /// The regions to read for an account whose session is in <paramref name="sessionRegion"/>: those asked, with
    /// <see cref="EveryRegion"/> expanded to the partition's other regions (optional: one the account has not enabled is
    /// no error), else the session's own.
    /// </summary>
    public static IReadOnlyList<AccountRegion> RegionsOf(string sessionRegion, IReadOnlyList<string> asked)
    {
        if (asked.Count == 0) return [new AccountRegion(sessionRegion, false)];
        var named = asked.Where(region => region != EveryRegion).ToList();
        var every = asked.Contains(EveryRegion) ? PartitionRegions(sessionRegion).Except(named, StringComparer.Ordinal) : [];
        return named.Select(region => new AccountRegion(region, false)).Concat(every.Select(region => new AccountRegion(region, true))).ToList();
    }

    /// <summary>True for the answer of a region the account has not enabled (AWS rejects the credentials there).</summary>
    public static bool IsRegionNotEnabled(Exception exception) =>
        exception is KmsServiceException { ErrorCode: "UnrecognizedClientException" or "InvalidClientTokenId" or "AuthFailure" };

    private static KmsSession Derived(KmsSession session, string accessKey, string secretKey, string? sessionToken) =>
        KmsSessionFactory.Create(new KmsSessionOptions
        {
            Local = session.IsLocal,
            LocalStatePath = session.LocalStatePath,
            AccessKey = accessKey,
            SecretKey = secretKey,
            SessionToken = sessionToken,
            Region = session.Region,
            EndpointUrl = session.EndpointUrl,
            // The session's endpoint was accepted (and warned about) when it was made.
            AllowInsecureEndpoint = true,
            UseFipsEndpoint = session.UseFipsEndpoint,
            UseDualStackEndpoint = session.UseDualStackEndpoint,
            RetryMode = Enum.Parse<KmsRetryMode>(session.RetryMode),
            MaxAttempts = session.MaxAttempts,
            Timeout = session.Timeout,
        }, _ => { }, _ => { });

    /// <summary>An STS client where the session's KMS clients go: AWS, moto, or the local KMS (in this process or served).</summary>
    private static AmazonSecurityTokenServiceClient StsClient(KmsSession session)
    {
        var pool = KmsClientPool.Of(session);
        return new AmazonSecurityTokenServiceClient(pool.Credentials, pool.Configure(new AmazonSecurityTokenServiceConfig(), session.Region));
    }

    private static KmsConfigurationException RoleNotAssumed(string roleArn, string why, Exception? inner) =>
        new("RoleNotAssumed", $"The role {roleArn} could not be assumed: {why}", inner);

    private static LocalKmsInstance? LocalKmsOf(KmsSession session) =>
        session.IsLocal ? LocalKmsRegistry.Find(session.LocalStatePath) :
        Uri.TryCreate(session.EndpointUrl, UriKind.Absolute, out var endpoint) && endpoint.IsLoopback ? LocalKmsRegistry.ServedOn(endpoint.Port) :
        null;
}

/// <summary>A region to read in an account. Optional: added by *, so a region the account has not enabled is no error.</summary>
public sealed record AccountRegion(string Name, bool Optional);
