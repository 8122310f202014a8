using System.Xml.Linq;

namespace KmsPowerShell.HelpCompiler.Output;

/// <summary>The XML namespaces of PowerShell's MAML help, as PlatyPS declares them.</summary>
internal static class MamlNames
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static IEnumerable<XAttribute> Declarations() =>
    [
        new(XNamespace.Xmlns + "maml", Maml),
        new(XNamespace.Xmlns + "command", Command),
        new(XNamespace.Xmlns + "dev", Dev),
        new(XNamespace.Xmlns + "MSHelp", MsHelp),
    ];
}
