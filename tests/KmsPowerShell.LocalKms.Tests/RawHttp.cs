using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Hand-written HTTP on a loopback TCP connection, for requests no SDK would send.</summary>
internal static class RawHttp
{
    /// <summary>A bound on waiting for the server, so a test that fails fails instead of hanging; never a measure of speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>Everything the server sends until it closes the connection (a reset also ends it).</summary>
    public static async Task<string> ReadUntilClosedAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    /// <summary>
    /// Sends <paramref name="head"/>, then <paramref name="filler"/> bytes until <paramref name="total"/> bytes went out
    /// or the server stopped taking them, while reading what the server answers.
    /// </summary>
    public static async Task<(long Written, string Answer)> SendUntilRefusedAsync(int port, string head, byte filler, long total)
    {
        using var client = await ConnectAsync(port);
        var answer = ReadUntilClosedAsync(client);
        var stream = client.GetStream();
        var block = Enumerable.Repeat(filler, 64 * 1024).ToArray();
        long written = 0;
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            written += head.Length;
            while (written < total)
            {
                await stream.WriteAsync(block);
                written += block.Length;
            }
            // All sent: let a server that is still reading see the end, so it answers instead of waiting.
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
        }
        return (written, await answer.WaitAsync(Patience));
    }
}
