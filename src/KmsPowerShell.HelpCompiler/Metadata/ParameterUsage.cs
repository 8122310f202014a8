namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>How one parameter set uses a parameter.</summary>
/// <param name="Position">Null for a named parameter.</param>
internal sealed record ParameterUsage(string SetName, bool Required, int? Position, bool ByValue, bool ByPropertyName)
{
    /// <summary>True when two sets use the parameter the same way, so one yaml block can describe both.</summary>
    public bool SameMetadataAs(ParameterUsage other) =>
        Required == other.Required && Position == other.Position && ByValue == other.ByValue && ByPropertyName == other.ByPropertyName;
}
