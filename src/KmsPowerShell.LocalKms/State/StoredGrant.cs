namespace KmsPowerShell.LocalKms.State;

internal sealed class StoredGrant
{
    public string GrantId { get; set; } = "";
    public string KeyArn { get; set; } = "";
    public string? Name { get; set; }
    public DateTimeOffset CreationDate { get; set; }
    public string GranteePrincipal { get; set; } = "";
    public string? RetiringPrincipal { get; set; }
    public string IssuingAccount { get; set; } = "";
    public List<string> Operations { get; set; } = [];
    public Dictionary<string, string>? EncryptionContextEquals { get; set; }
    public Dictionary<string, string>? EncryptionContextSubset { get; set; }

    public bool HasConstraints => EncryptionContextEquals is not null || EncryptionContextSubset is not null;
}
