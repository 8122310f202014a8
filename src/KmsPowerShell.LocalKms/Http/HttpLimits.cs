namespace KmsPowerShell.LocalKms.Http;

/// <summary>The bounds a request is read within, all checked before anything is authenticated or buffered past them.</summary>
internal static class HttpLimits
{
    public const int MaxRequestLineBytes = 8 * 1024;
    public const int MaxFieldLineBytes = 8 * 1024;
    public const int MaxFieldCount = 100;
    public const int MaxHeadBytes = 64 * 1024;
    public const int MaxChunkSizeLineBytes = 1024;

    /// <summary>
    /// The largest request body, whether sent with Content-Length or chunked. KMS's own requests are small (plaintext
    /// up to 4 KiB, ciphertext 6 KiB, a key policy 32 KiB); 1 MiB holds any of them many times over.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;
}
