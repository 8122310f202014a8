using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>One KMS API operation; the class name without "Operation" is the X-Amz-Target operation name.</summary>
internal abstract class KmsOperation
{
    public string Name => GetType().Name[..^"Operation".Length];

    /// <summary>Whether a success changed the state, so it must be saved.</summary>
    public virtual bool Mutates => true;

    public abstract JsonObject Execute(OperationContext context);
}
