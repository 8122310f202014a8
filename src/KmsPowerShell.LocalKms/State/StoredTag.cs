namespace KmsPowerShell.LocalKms.State;

internal sealed class StoredTag
{
    public string TagKey { get; set; } = "";
    public string TagValue { get; set; } = "";
}
