using System.Management.Automation;
using System.Management.Automation.Runspaces;
using KmsPowerShell.Commands.Compliance;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>
/// Repair-KmsComplianceFinding is ConfirmImpact Medium, but asks itself before a High-impact change (a key policy, a
/// revoked grant) under the default $ConfirmPreference, as Set-KmsKeyPolicy would: a person answers those prompts here.
/// </summary>
public sealed class RepairConfirmationTests : IDisposable
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Sid":"Repaired","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:DescribeKey","Resource":"*"}]}""";
    private readonly LocalSession _local = new();

    public void Dispose() => _local.Dispose();

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("No", false)]
    public void PolicyFix_DefaultConfirmPreference_AsksAndFollowsTheAnswer(string answer, bool replaced)
    {
        var keyId = _local.NewKey();
        var host = new AnsweringHost(answer);

        var errors = Repair(host, Finding(keyId, new KmsComplianceFix(KmsComplianceFixActions.PutKeyPolicy, new Dictionary<string, string> { ["Policy"] = Policy }, IsPolicyChange: true)));

        Assert.Empty(errors);
        var prompt = Assert.Single(host.Prompts);
        Assert.Equal("Confirm a high-impact change", prompt.Caption);
        Assert.StartsWith($"Replace the key policy of {keyId}", prompt.Message, StringComparison.Ordinal);
        Assert.Equal(replaced, PolicyOf(keyId).Contains("Repaired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotationFix_DefaultConfirmPreference_AppliedWithoutAsking()
    {
        var keyId = _local.NewKey();
        var host = new AnsweringHost("No");

        var errors = Repair(host, Finding(keyId, new KmsComplianceFix(KmsComplianceFixActions.EnableKeyRotation, new Dictionary<string, string>())));

        Assert.Empty(errors);
        Assert.Empty(host.Prompts);
        Assert.True((await new KmsRotationAdmin(_local.Session).GetAsync(Key(keyId), keyId, CancellationToken.None, withHistory: false)).RotationEnabled);
    }

    [Fact]
    public void PolicyFix_Force_AppliedWithoutAsking()
    {
        var keyId = _local.NewKey();
        var host = new AnsweringHost("No");

        Repair(host, Finding(keyId, new KmsComplianceFix(KmsComplianceFixActions.PutKeyPolicy, new Dictionary<string, string> { ["Policy"] = Policy }, IsPolicyChange: true)), force: true);

        Assert.Empty(host.Prompts);
        Assert.Contains("Repaired", PolicyOf(keyId), StringComparison.Ordinal);
    }

    private IReadOnlyList<ErrorRecord> Repair(AnsweringHost host, KmsComplianceFinding finding, bool force = false)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Repair-KmsComplianceFinding", typeof(RepairKmsComplianceFindingCommand), null));
        using var runspace = RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var shell = PowerShell.Create(runspace);
        shell.AddCommand("Repair-KmsComplianceFinding").AddParameter("Finding", finding).AddParameter("Session", _local.Session);
        if (force) shell.AddParameter("Force");
        shell.Invoke();
        return shell.Streams.Error.ToList();
    }

    private static KmsComplianceFinding Finding(string keyId, KmsComplianceFix fix) => new()
    {
        Account = "111122223333",
        Region = LocalSession.Region,
        KeyId = keyId,
        CheckId = fix.IsPolicyChange ? "PolicyPublic" : "RotationDisabled",
        Fix = fix,
    };

    private static KeyRequest Key(string keyId) => new(keyId, LocalSession.Region);

    private string PolicyOf(string keyId) =>
        new KmsPolicyAdmin(_local.Session).GetAsync(Key(keyId), "default", CancellationToken.None).GetAwaiter().GetResult();
}
