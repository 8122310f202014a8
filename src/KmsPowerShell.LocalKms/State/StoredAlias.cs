namespace KmsPowerShell.LocalKms.State;

internal sealed class StoredAlias
{
    public string AliasName { get; set; } = "";
    public string AliasArn { get; set; } = "";
    public string Account { get; set; } = "";
    public string Region { get; set; } = "";
    public string TargetKeyId { get; set; } = "";
    public DateTimeOffset CreationDate { get; set; }
    public DateTimeOffset LastUpdatedDate { get; set; }
}
