namespace KmsPowerShell.LocalKms;

/// <summary>The answer to one request; <see cref="DropConnection"/> asks the transport to hang up without answering (fault injection).</summary>
public sealed record LocalKmsResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool DropConnection = false)
{
    public static LocalKmsResponse Dropped { get; } = new(0, new Dictionary<string, string>(), [], DropConnection: true);
}
