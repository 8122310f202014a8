namespace KmsPowerShell.HelpCompiler.Output;

/// <summary>Pads an example title with dashes to 64 columns, as PlatyPS does, so Get-Help sets examples apart.</summary>
internal static class ExampleTitle
{
    private const int Width = 64;

    public static string Pad(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= Width - 2) return title;
        var dashes = new string('-', (Width - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }
}
