using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Io;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Fuzz;

/// <summary>
/// Gives an input whose header parses a key commitment and header tag that hold under the fixed data key. A mutated
/// header otherwise never passes the header tag, so odd frame lengths, contexts, verification keys and key lists
/// would never reach the body, the footer and the end-of-input checks. The header bytes are kept as they are, save
/// the commitment; what follows the header is kept too.
/// </summary>
internal static class Resealer
{
    /// <summary>Null when the header does not parse.</summary>
    public static byte[]? Reseal(byte[] input)
    {
        var reader = new MessageInput(new MemoryStream(input));
        MessageHeader header;
        try
        {
            header = HeaderReader.Read(reader, maxEncryptedDataKeys: null);
        }
        catch (KmsMessageException)
        {
            return null;
        }
        var suite = header.Suite;
        var body = header.Body.ToArray();
        using var keys = DerivedKeys.Derive(suite, FixedKeyring.Key(suite.KeyLength), header.MessageId);
        // The suite data, the key commitment of committing suites, ends the header body.
        keys.CommitKey.CopyTo(body, body.Length - keys.CommitKey.Length);
        var tag = new byte[AlgorithmSuite.TagLength];
        using (var aes = new AesGcm(keys.EncryptionKey, AlgorithmSuite.TagLength))
        {
            aes.Encrypt(header.AuthIv, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, body);
        }
        return [.. body, .. header.Version == 1 ? header.AuthIv : [], .. tag, .. input.AsSpan((int)reader.Consumed)];
    }
}
