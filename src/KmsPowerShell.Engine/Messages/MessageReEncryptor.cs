using System.IO.Pipes;
using KmsPowerShell.Engine.Messages.Io;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Engine.Messages;

/// <summary>
/// Re-encrypts a message file under other keys by streaming: the old message is decrypted into an in-memory OS pipe
/// that the new message is encrypted from, so plaintext never touches the disk. The new message is renamed into
/// place only if the old one verified to its end (signature included) and the new one is complete.
/// </summary>
internal static class MessageReEncryptor
{
    public static async Task<KmsMessageInfo> ReEncryptFileAsync(string sourcePath, string destinationPath, Func<KmsMessageInfo, (IKeyring Keyring, EncryptSettings Settings)> encryptFor,
        IKeyring decryptKeyring, DecryptSettings decryptSettings, bool overwrite, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        KmsMessageInfo header;
        await using (var peek = AtomicFile.OpenRead(sourcePath))
        {
            header = MessageDecryptor.ReadInfo(peek, decryptSettings.MaxEncryptedDataKeys);
        }
        var (encryptKeyring, encryptSettings) = encryptFor(header);
        await using var source = AtomicFile.OpenRead(sourcePath);
        return await AtomicFile.WriteAsync(destinationPath, overwrite, async output =>
        {
            using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
            using var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
            var decrypting = Task.Run(async () =>
            {
                try
                {
                    await MessageDecryptor.DecryptAsync(source, writer, decryptKeyring, decryptSettings, progress, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // End of the pipe: the encryptor sees the end of the plaintext (or, after a failure, a short one,
                    // which is never renamed into place because the failure is rethrown below).
                    writer.Dispose();
                }
            }, cancellationToken);
            KmsMessageInfo written;
            try
            {
                written = await MessageEncryptor.EncryptAsync(reader, output, encryptKeyring, encryptSettings, null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A failed encryptor must not leave the decryptor blocked on a full pipe.
                reader.Dispose();
            }
            await decrypting.ConfigureAwait(false);
            return written;
        }, cancellationToken).ConfigureAwait(false);
    }
}
