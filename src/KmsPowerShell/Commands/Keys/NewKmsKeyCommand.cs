using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Creates a KMS key, and its alias with -Alias. Bad spec/usage pairs, alias names and policies are refused before any call.</summary>
[Cmdlet(VerbsCommon.New, "KmsKey", SupportsShouldProcess = true, DefaultParameterSetName = PolicyTextSet)]
[OutputType(typeof(KmsKey))]
public sealed class NewKmsKeyCommand : KmsRegionCmdlet
{
    private const string PolicyTextSet = "PolicyText";
    private const string PolicyPathSet = "PolicyPath";

    [Parameter]
    [ValidateKmsName(KmsNameList.KeySpec), ArgumentCompleter(typeof(KeySpecCompleter))]
    public string KeySpec { get; set; } = "SYMMETRIC_DEFAULT";

    [Parameter]
    [ValidateKmsName(KmsNameList.KeyUsage), ArgumentCompleter(typeof(KeyUsageCompleter))]
    public string? KeyUsage { get; set; }

    [Parameter(Position = 0)]
    [ValidateLength(0, 8192)]
    public string? Description { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>An alias to create for the key (alias/name).</summary>
    [Parameter]
    public string? Alias { get; set; }

    [Parameter(ParameterSetName = PolicyTextSet)]
    public string? Policy { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PolicyPathSet)]
    public string PolicyPath { get; set; } = "";

    [Parameter]
    public SwitchParameter MultiRegion { get; set; }

    [Parameter]
    public SwitchParameter BypassPolicyLockoutSafetyCheck { get; set; }

    /// <summary>Where the key material comes from: AWS_KMS (KMS makes it), EXTERNAL (you import it), AWS_CLOUDHSM or EXTERNAL_KEY_STORE.</summary>
    [Parameter]
    [ValidateKmsName(KmsNameList.Origin), ArgumentCompleter(typeof(OriginCompleter))]
    public string Origin { get; set; } = "AWS_KMS";

    /// <summary>The custom key store of an AWS_CLOUDHSM or EXTERNAL_KEY_STORE key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CustomKeyStoreId { get; set; }

    /// <summary>The id of the key in the external key manager, for an EXTERNAL_KEY_STORE key.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? XksKeyId { get; set; }

    protected override void ProcessRecord()
    {
        NewKeyRequest request;
        try
        {
            // One rule for every parameter that names an alias: 'app' means 'alias/app'.
            if (Alias is not null) Alias = AliasName.Require(AliasPatterns.WithPrefix(Alias));
            request = new NewKeyRequest(KeySpec, KeySpecs.ResolveUsage(KeySpec, KeyUsage), Description, TagTable.From(Tag),
                PolicyText.Read(this, Policy, ParameterSetName == PolicyPathSet ? PolicyPath : null), MultiRegion, BypassPolicyLockoutSafetyCheck,
                Origin.ToUpperInvariant(), CustomKeyStoreId, XksKeyId);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, Alias ?? KeySpec);
            return;
        }
        var region = RegionOrDefault(Region);
        var origin = request.Origin == "AWS_KMS" ? "" : $" with origin {request.Origin}";
        var target = $"{(MultiRegion ? "multi-Region " : "")}{request.KeySpec} {request.KeyUsage} key{origin}{(Alias is null ? "" : $" {Alias}")} in {region}";
        if (!ShouldProcess(target, "Create the key")) return;
        try
        {
            var key = Create(region, request);
            if (key.State == "PendingImport") WriteVerbose($"The key {key.KeyId} has no key material yet: Import-KmsKeyMaterial imports it.");
            WriteObject(key);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, Alias ?? region);
        }
    }

    private KmsKey Create(string region, NewKeyRequest request)
    {
        var reader = new KmsKeyReader(ActiveSession);
        if (Alias is not null && Await(reader.ListAliasesAsync(region, CancellationToken)).Any(a => a.AliasName == Alias))
        {
            throw new KmsServiceException("AlreadyExistsException", $"The alias {Alias} already exists in {region}; no key was created.", 400, null, null);
        }
        var admin = new KmsKeyAdmin(ActiveSession);
        var key = Await(admin.CreateKeyAsync(region, request, CancellationToken));
        if (Alias is null) return key;
        try
        {
            Await(new KmsAliasAdmin(ActiveSession).CreateAsync(region, Alias, key.KeyId, CancellationToken));
        }
        catch (KmsException)
        {
            // Leave nothing half-made: the key without its alias is scheduled for deletion at the shortest window.
            try
            {
                Await(admin.ScheduleDeletionAsync(new KeyRequest(key.Arn, region), 7, CancellationToken));
                WriteWarning($"The alias {Alias} could not be created, so the new key {key.KeyId} was scheduled for deletion in 7 days.");
            }
            catch (KmsException cleanup)
            {
                WriteWarning($"The alias {Alias} could not be created, and the new key {key.KeyId} could not be scheduled for deletion ({cleanup.Message}): remove it with Remove-KmsKey.");
            }
            throw;
        }
        return Await(new KmsKeyReader(ActiveSession).GetAsync(new KeyRequest(key.Arn, region), CancellationToken));
    }
}
