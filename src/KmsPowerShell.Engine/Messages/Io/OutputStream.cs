namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// The output stream <see cref="AtomicFile"/> hands out: a failure to write names the user's destination, never the
/// hidden temporary file (or the nameless descriptor) the bytes really go to.
/// </summary>
internal sealed class OutputStream(Stream inner, string destination, string? temporary) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (IsFileFailure(e))
        {
            throw Naming(e, destination, temporary);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsFileFailure(e))
        {
            throw Naming(e, destination, temporary);
        }
    }

    public override void Flush()
    {
        try
        {
            inner.Flush();
        }
        catch (Exception e) when (IsFileFailure(e))
        {
            throw Naming(e, destination, temporary);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public static bool IsFileFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>The same kind of failure (so its ErrorId stays), saying <paramref name="destination"/> instead.</summary>
    public static Exception Naming(Exception e, string destination, string? temporary)
    {
        var message = temporary is null ? e.Message : e.Message.Replace(temporary, destination, StringComparison.Ordinal);
        if (!message.Contains(destination, StringComparison.Ordinal)) message = $"Could not write '{destination}': {message}";
        return e switch
        {
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }
}
