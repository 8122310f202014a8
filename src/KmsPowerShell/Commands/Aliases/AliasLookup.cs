using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Aliases;

/// <summary>Reads one alias back after a change, for the object the cmdlet returns.</summary>
internal static class AliasLookup
{
    public static KmsAlias Find(KmsSession session, string region, string name, KmsCmdlet cmdlet)
    {
        var aliases = cmdlet.AwaitResult(new KmsKeyReader(session).ListAliasesAsync(region, cmdlet.Token));
        return aliases.FirstOrDefault(a => a.AliasName == name)
            ?? throw new KmsServiceException("NotFoundException", $"Alias {name} is not found in {region}.", 400, null, null);
    }
}
