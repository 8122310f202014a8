namespace KmsPowerShell.Tests.Interop;

/// <summary>A test that needs node, tests/Interop/node_modules and moto: skipped with the reason when missing, never when CI=true.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute()
    {
        if (JavaScriptEsdk.SkipReason is { } reason) Skip = $"JavaScript interop unavailable: {reason}";
    }
}
