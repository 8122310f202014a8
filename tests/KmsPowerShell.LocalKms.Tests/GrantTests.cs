using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class GrantTests
{
    private static readonly string PrincipalB = LocalKmsHarness.PrincipalB.PrincipalArn;

    private static async Task<EncryptResponse> EncryptAsB(LocalKmsHarness kms, KeyMetadata key, Dictionary<string, string>? context = null, List<string>? tokens = null) =>
        await kms.ClientB().EncryptAsync(new EncryptRequest { KeyId = key.Arn, Plaintext = LocalKmsHarness.Bytes("b"), EncryptionContext = context, GrantTokens = tokens });

    [Fact]
    public async Task Encrypt_PrincipalBWithoutGrant_AccessDeniedInAwsWording()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync();
        var error = await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key));
        Assert.Equal($"User: {PrincipalB} is not authorized to perform: kms:Encrypt on resource: {key.Arn} " +
            "because no resource-based policy allows the kms:Encrypt action", error.Message);
    }

    [Fact]
    public async Task CreateKey_PrincipalBWithoutIamPolicy_AccessDenied()
    {
        using var kms = new LocalKmsHarness();
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.CreateKeyAsync(kms.ClientB()));
    }

    [Fact]
    public async Task Encrypt_GrantWithToken_AllowedBeforePropagationAndRefusedWithoutToken()
    {
        using var kms = new LocalKmsHarness(grantPropagationDelay: TimeSpan.FromMinutes(5));
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var grant = await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt", "Decrypt"] });
        Assert.Matches("^[0-9a-f]{64}$", grant.GrantId);

        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key));
        var encrypted = await EncryptAsB(kms, key, tokens: [grant.GrantToken]);
        Assert.Equal(key.Arn, encrypted.KeyId);

        kms.Clock.Advance(TimeSpan.FromMinutes(5));
        await EncryptAsB(kms, key);
        await KmsAssert.FailsWith("AccessDeniedException",
            () => kms.ClientB().GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.Arn, KeySpec = DataKeySpec.AES_256 }));
    }

    [Fact]
    public async Task RevokeGrant_ThenEncryptAsGrantee_AccessDenied()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var grant = await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"] });
        await EncryptAsB(kms, key);
        await admin.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.KeyId, GrantId = grant.GrantId });
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key, tokens: [grant.GrantToken]));
        Assert.Empty((await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId })).Grants ?? []);
    }

    [Fact]
    public async Task RetireGrant_ByRetiringPrincipalWithToken_GrantGone()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var grant = await admin.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = PrincipalB, RetiringPrincipal = PrincipalB, Operations = ["Encrypt"],
        });
        await EncryptAsB(kms, key);
        await kms.ClientB().RetireGrantAsync(new RetireGrantRequest { GrantToken = grant.GrantToken });
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key));
    }

    [Fact]
    public async Task RetireGrant_ByGranteeWithoutRetirePermission_AccessDenied()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var grant = await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"] });
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.ClientB().RetireGrantAsync(new RetireGrantRequest { KeyId = key.Arn, GrantId = grant.GrantId }));
        await admin.RetireGrantAsync(new RetireGrantRequest { KeyId = key.Arn, GrantId = grant.GrantId });
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key));
    }

    [Fact]
    public async Task Encrypt_GrantWithSubsetConstraint_OnlyMatchingContextAllowed()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await admin.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"],
            Constraints = new GrantConstraints { EncryptionContextSubset = new() { ["dept"] = "it" } },
        });
        await EncryptAsB(kms, key, new() { ["dept"] = "it", ["extra"] = "ok" });
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key, new() { ["dept"] = "hr" }));
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key));
    }

    [Fact]
    public async Task Encrypt_GrantWithEqualsConstraint_ExtraPairRefused()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await admin.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"],
            Constraints = new GrantConstraints { EncryptionContextEquals = new() { ["dept"] = "it" } },
        });
        await EncryptAsB(kms, key, new() { ["dept"] = "it" });
        await KmsAssert.FailsWith("AccessDeniedException", () => EncryptAsB(kms, key, new() { ["dept"] = "it", ["extra"] = "no" }));
    }

    [Fact]
    public async Task CreateGrant_InvalidOrUnfitOperations_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await KmsAssert.FailsWith("ValidationException",
            () => admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Fly"] }));
        await KmsAssert.FailsWith("ValidationException",
            () => admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Sign"] }));
    }

    [Fact]
    public async Task CreateGrant_DryRun_DryRunOperationExceptionAndNoGrant()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await KmsAssert.FailsWith("DryRunOperationException",
            () => admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"], DryRun = true }));
        Assert.Empty((await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId })).Grants ?? []);
    }

    [Fact]
    public async Task CreateGrant_SameNameAndParameters_SameGrantId()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var request = new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"], Name = "retry-safe" };
        var first = await admin.CreateGrantAsync(request);
        var second = await admin.CreateGrantAsync(request);
        Assert.Equal(first.GrantId, second.GrantId);
        Assert.NotEqual(first.GrantToken, second.GrantToken);
    }

    // Not constants: the SDK's analyzer refuses out-of-range literals, and these tests are about the server's range.
    private static readonly int OverModelLimit = 1001;
    private static readonly int OverPageLimit = 500;

    [Fact]
    public async Task ListGrantsAndListRetirableGrants_LimitOverTheModel_AwsModelValidation_LargeLimitPagesOf100()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        const string Violation = "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000";
        Assert.Equal(Violation, (await KmsAssert.FailsWith("ValidationException",
            () => admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, Limit = OverModelLimit }))).Message);
        Assert.Equal(Violation, (await KmsAssert.FailsWith("ValidationException",
            () => admin.ListRetirableGrantsAsync(new ListRetirableGrantsRequest { RetiringPrincipal = PrincipalB, Limit = OverModelLimit }))).Message);

        for (var i = 0; i < 101; i++)
        {
            await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, RetiringPrincipal = PrincipalB, Operations = ["Decrypt"] });
        }
        var page = await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, Limit = OverPageLimit });
        Assert.Equal(100, page.Grants.Count);
        Assert.True(page.Truncated);
        Assert.Equal(100, (await admin.ListRetirableGrantsAsync(new ListRetirableGrantsRequest { RetiringPrincipal = PrincipalB, Limit = OverPageLimit })).Grants.Count);
    }

    [Fact]
    public async Task ListGrants_MalformedGrantIdFilter_InvalidGrantIdException()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await KmsAssert.FailsWith("InvalidGrantIdException", () => admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, GrantId = "nope" }));
        Assert.Empty((await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, GrantId = new string('a', 64) })).Grants);
    }

    [Fact]
    public async Task ListGrants_FiltersAndPaging_ReturnsGrantEntries()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        for (var i = 0; i < 3; i++)
        {
            await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = $"arn:aws:iam::444455556666:role/r{i}", Operations = ["Decrypt"] });
        }
        var special = await admin.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = PrincipalB, RetiringPrincipal = PrincipalB, Operations = ["Encrypt"], Name = "special",
        });

        var first = await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, Limit = 3 });
        var rest = await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, Limit = 3, Marker = first.NextMarker });
        Assert.True(first.Truncated);
        Assert.Equal(4, first.Grants.Concat(rest.Grants).Select(g => g.GrantId).Distinct().Count());

        var entry = Assert.Single((await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB })).Grants);
        Assert.Equal(special.GrantId, entry.GrantId);
        Assert.Equal(key.Arn, entry.KeyId);
        Assert.Equal("special", entry.Name);
        Assert.Equal("arn:aws:iam::111122223333:root", entry.IssuingAccount);
        Assert.Equal(["Encrypt"], entry.Operations);
        Assert.Single((await admin.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, GrantId = special.GrantId })).Grants);
        Assert.Single((await admin.ListRetirableGrantsAsync(new ListRetirableGrantsRequest { RetiringPrincipal = PrincipalB })).Grants);
    }

    [Fact]
    public async Task Encrypt_UnknownGrantToken_InvalidGrantTokenException()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync();
        await KmsAssert.FailsWith("InvalidGrantTokenException", () => EncryptAsB(kms, key, tokens: ["made-up-token"]));
    }

    [Fact]
    public async Task RevokeGrant_MalformedOrUnknownGrantId_InvalidGrantIdOrNotFound()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        await KmsAssert.FailsWith("InvalidGrantIdException", () => admin.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.KeyId, GrantId = "nope" }));
        await KmsAssert.FailsWith("NotFoundException", () => admin.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.KeyId, GrantId = new string('a', 64) }));
    }

    [Fact]
    public async Task RevokeGrant_ByGrantee_AccessDenied()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var grant = await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Encrypt"] });
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.ClientB().RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.Arn, GrantId = grant.GrantId }));
    }

    [Fact]
    public async Task Decrypt_GrantForDecryptOnly_GranteeDecryptsButCannotDescribe()
    {
        using var kms = new LocalKmsHarness();
        var admin = kms.Client();
        var key = await kms.CreateKeyAsync(admin);
        var blob = (await admin.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("shared") })).CiphertextBlob;
        await admin.CreateGrantAsync(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = PrincipalB, Operations = ["Decrypt"] });
        var decrypted = await kms.ClientB().DecryptAsync(new DecryptRequest { CiphertextBlob = blob });
        Assert.Equal("shared", LocalKmsHarness.Text(decrypted.Plaintext));
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.ClientB().DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));
    }
}
