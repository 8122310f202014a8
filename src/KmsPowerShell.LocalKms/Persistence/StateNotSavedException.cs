namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>A change could not be made durable; it was not made. The message names the state file and the system's reason.</summary>
internal sealed class StateNotSavedException(string path, Exception inner)
    : IOException($"The local KMS could not save its state file '{path}': {Reason(inner)} The change was not made.", inner)
{
    /// <summary>The system's words without the file name .NET appends (" : 'path'"), which would name a temporary file.</summary>
    private static string Reason(Exception e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        message = (cut > 0 ? message[..cut] : message).Trim();
        return message.EndsWith('.') ? message : message + ".";
    }
}
