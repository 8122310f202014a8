namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>The module as PowerShell imports it: its identity and the cmdlets it exports.</summary>
internal sealed record CompiledModule(
    string Name,
    Guid Guid,
    Version Version,
    string HelpFileName,
    Uri? ProjectUri,
    IReadOnlyList<CompiledCmdlet> Cmdlets)
{
    /// <summary>Where a cmdlet's page is read online: the page in the project's repository, when the manifest names one.</summary>
    public string OnlineVersion(string cmdletName) =>
        ProjectUri is null ? "" : $"{ProjectUri.ToString().TrimEnd('/')}/blob/main/docs/en-US/{cmdletName}.md";
}
