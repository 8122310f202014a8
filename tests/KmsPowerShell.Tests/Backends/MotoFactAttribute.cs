namespace KmsPowerShell.Tests.Backends;

/// <summary>A test that needs moto: skipped, with the reason shown, when python3 or moto is missing (never when CI=true).</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.SkipReason is { } reason) Skip = $"moto backend unavailable: {reason}";
    }
}
