using System.Text.Json.Nodes;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Principals added to the local KMS, the clock offset and the faults: kept in the state file, and only once saved.</summary>
public sealed class LocalPrincipalTests : StateFolderTests
{
    private const string ReadOnlyPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Describe*","Resource":"*"}]}""";

    private static LocalKmsPrincipal Admin(string name, string accessKey) =>
        new(accessKey, $"{name}-secret", $"arn:aws:iam::777788889999:role/{name}", "777788889999", IsAccountAdministrator: true)
        {
            IdentityPolicies = [ReadOnlyPolicy],
            Tags = new Dictionary<string, string> { ["team"] = "billing" },
        };

    [Fact]
    public async Task Restart_AddedPrincipals_KeptWithPoliciesAndTagsAndTheyStillSign()
    {
        var first = Admin("first", "AKIAFIRST00000000001");    // the first change after opening: in the snapshot
        var second = Admin("second", "AKIASECOND0000000001");  // the next one: in the journal
        using (var kms = new LocalKmsHarness(StatePath))
        {
            kms.Service.AddPrincipal(first);
            kms.Service.AddPrincipal(second);
            await kms.CreateKeyAsync(kms.Client(principal: second));
            Assert.True(new FileInfo(StatePath + ".journal").Length > 20, "the second principal is in the journal");
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            foreach (var principal in new[] { first, second })
            {
                var kept = Assert.Single(kms.Service.Principals, p => p.PrincipalArn == principal.PrincipalArn);
                Assert.Equal((principal.AccessKeyId, principal.SecretAccessKey, principal.Account, true),
                    (kept.AccessKeyId, kept.SecretAccessKey, kept.Account, kept.IsAccountAdministrator));
                Assert.Equal([ReadOnlyPolicy], kept.IdentityPolicies);
                Assert.Equal([ReadOnlyPolicy, LocalKmsPrincipal.AdministratorAccessPolicy], kept.EffectiveIdentityPolicies);
                Assert.Equal("billing", kept.Tags["TEAM"]);
                Assert.Single((await kms.Client(principal: principal).ListKeysAsync(new ListKeysRequest())).Keys);
            }
        }
    }

    [Fact]
    public void Restart_ClockOffsetAndFaults_Kept()
    {
        var faults = new LocalKmsFaults(ThrottleRate: 0.25, SlowRate: 0.5, SlowDelay: TimeSpan.FromMilliseconds(3), Seed: 7);
        using (LocalKmsRegistry.Open(StatePath, out var instance))
        {
            instance.AdvanceClock(TimeSpan.FromDays(3));
            instance.AdvanceClock(TimeSpan.FromHours(1));
            instance.Service.Faults = faults;
        }
        using (LocalKmsRegistry.Open(StatePath, out var instance))
        {
            Assert.Equal(TimeSpan.FromHours(73), instance.Clock.Offset);
            Assert.Equal(faults, instance.Service.Faults);
        }
    }

    [Fact]
    public async Task Load_StateFileOfAnEarlierVersion_KeysLoadAndNothingElseIsSet()
    {
        string keyId;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            keyId = (await kms.CreateKeyAsync()).KeyId;
        }
        var snapshot = JsonNode.Parse(File.ReadAllText(StatePath))!.AsObject();
        Assert.True(snapshot.Remove("Principals") && snapshot.Remove("Settings"));
        File.WriteAllText(StatePath, snapshot.ToJsonString());

        using (LocalKmsRegistry.Open(StatePath, out var instance))
        {
            Assert.Equal(keyId, Assert.Single(instance.Service.State.Keys.Values).KeyId);
            Assert.Equal([LocalKmsPrincipal.Default], instance.Service.Principals);
            Assert.Equal(TimeSpan.Zero, instance.Clock.Offset);
            Assert.Equal(LocalKmsFaults.None, instance.Service.Faults);
        }
    }

    [Theory]
    [InlineData(false)]   // the first change after opening writes a snapshot
    [InlineData(true)]    // later changes append to the journal
    public async Task Save_DiskFull_PrincipalsClockOffsetAndFaultsUnchangedAndAnError(bool journal)
    {
        using var kms = new LocalKmsHarness(StatePath);
        var service = kms.Service;
        var earlier = Admin("earlier", "AKIAEARLIER000000001");
        if (journal) service.AddPrincipal(earlier);
        var principalsBefore = service.Principals;
        service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");
        var principal = Admin("unsaved", "AKIAUNSAVED000000001");

        AssertNotSaved(() => service.AddPrincipal(principal));
        if (journal) AssertNotSaved(() => service.RemovePrincipal(earlier.PrincipalArn));
        AssertNotSaved(() => service.SaveClockOffset(TimeSpan.FromDays(1)));
        AssertNotSaved(() => service.Faults = new LocalKmsFaults(ThrottleRate: 1));

        Assert.Equal(principalsBefore.Select(p => p.PrincipalArn), service.Principals.Select(p => p.PrincipalArn));
        Assert.DoesNotContain(service.State.Principals.Values, p => p.PrincipalArn == principal.PrincipalArn);
        Assert.Equal(TimeSpan.Zero, service.ClockOffset);
        Assert.Equal(LocalKmsFaults.None, service.Faults);
        await KmsAssert.FailsWith("UnrecognizedClientException", () => kms.Client(principal: principal).ListKeysAsync(new ListKeysRequest()));

        service.File.BeforeWrite = null;
        service.AddPrincipal(principal);
        await kms.Client(principal: principal).ListKeysAsync(new ListKeysRequest());
    }

    [Fact]
    public void AdvanceClock_DiskFull_ClockNotMoved()
    {
        using var hold = LocalKmsRegistry.Open(StatePath, out var instance);
        instance.Service.File!.BeforeWrite = path => throw new IOException($"No space left on device : '{path}'");

        AssertNotSaved(() => instance.AdvanceClock(TimeSpan.FromDays(1)));

        Assert.Equal(TimeSpan.Zero, instance.Clock.Offset);
        instance.Service.File.BeforeWrite = null;
    }

    [Fact]
    public void Add_ArnOrAccessKeyKnown_RefusedUnlessReplacingAndNeverTheBuiltInOnes()
    {
        using var kms = new LocalKmsHarness(StatePath);
        var service = kms.Service;
        var app = Admin("app", "AKIAAPP0000000000001");
        service.AddPrincipal(app);

        var sameArn = app with { AccessKeyId = "AKIAAPP0000000000002" };
        var sameKey = Admin("other", app.AccessKeyId);
        foreach (var clash in new[] { sameArn, sameKey })
        {
            Assert.Equal("LocalPrincipalExists", Assert.Throws<KmsArgumentException>(() => service.AddPrincipal(clash)).Problem);
        }
        Assert.Contains(service.Principals, p => p.AccessKeyId == app.AccessKeyId && p.PrincipalArn == app.PrincipalArn);

        service.AddPrincipal(sameArn, replace: true);
        Assert.DoesNotContain(service.Principals, p => p.AccessKeyId == app.AccessKeyId);
        var otherWithItsKey = Admin("other", sameArn.AccessKeyId);
        service.AddPrincipal(otherWithItsKey, replace: true);
        Assert.DoesNotContain(service.Principals, p => p.PrincipalArn == app.PrincipalArn);

        var defaultKey = Admin("thief", LocalKmsPrincipal.DefaultAccessKeyId);
        Assert.Equal("LocalPrincipalBuiltIn", Assert.Throws<KmsArgumentException>(() => service.AddPrincipal(defaultKey, replace: true)).Problem);
        Assert.Equal("LocalPrincipalBuiltIn", Assert.Throws<KmsArgumentException>(() => service.RemovePrincipal(LocalKmsPrincipal.DefaultPrincipalArn)).Problem);
        Assert.Equal("LocalPrincipalBuiltIn", Assert.Throws<KmsArgumentException>(() => service.RemovePrincipal(LocalKmsHarness.PrincipalB.PrincipalArn)).Problem);
        Assert.Contains(LocalKmsPrincipal.Default, service.Principals);

        Assert.True(service.RemovePrincipal(sameKey.PrincipalArn));
        Assert.False(service.RemovePrincipal(sameKey.PrincipalArn));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt"}]}""")]
    public void Add_PolicyNotAnIamPolicy_PolicyInvalidAndNothingAdded(string policy)
    {
        using var kms = new LocalKmsHarness(StatePath);
        var principal = Admin("bad", "AKIABAD0000000000001") with { IdentityPolicies = [ReadOnlyPolicy, policy] };

        var error = Assert.Throws<KmsArgumentException>(() => kms.Service.AddPrincipal(principal));

        Assert.Equal("PolicyInvalid", error.Problem);
        Assert.StartsWith("Identity policy 2 ", error.Message);
        Assert.DoesNotContain(kms.Service.Principals, p => p.PrincipalArn == principal.PrincipalArn);
    }

    [Fact]
    public void Add_PolicyWithAPrincipal_RefusedInIamsWords()
    {
        using var kms = new LocalKmsHarness(StatePath);
        var principal = Admin("bad", "AKIABAD0000000000001") with
        {
            IdentityPolicies = ["""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}"""],
        };

        var error = Assert.Throws<KmsArgumentException>(() => kms.Service.AddPrincipal(principal));

        Assert.Equal("Identity policy 1 is not a valid IAM policy: Policy document should not specify a principal.", error.Message);
    }

    [Fact]
    public void EffectiveIdentityPolicies_AdministratorHasAdministratorAccessBesideItsOwn()
    {
        Assert.Equal([LocalKmsPrincipal.AdministratorAccessPolicy], LocalKmsPrincipal.Default.EffectiveIdentityPolicies);
        var reader = Admin("reader", "AKIAREADER0000000001") with { IsAccountAdministrator = false };
        Assert.Equal([ReadOnlyPolicy], reader.EffectiveIdentityPolicies);
    }

    private static void AssertNotSaved(Action change)
    {
        var error = Assert.Throws<KmsConfigurationException>(change);
        Assert.Equal("LocalStateNotSavedException", error.Problem);
        Assert.Contains("No space left on device", error.Message);
    }
}
