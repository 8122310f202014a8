namespace KmsPowerShell.LocalKms.State;

internal sealed class StoredRotation
{
    public DateTimeOffset RotationDate { get; set; }

    /// <summary>AUTOMATIC or ON_DEMAND.</summary>
    public string RotationType { get; set; } = "";

    public string KeyMaterialId { get; set; } = "";
}
