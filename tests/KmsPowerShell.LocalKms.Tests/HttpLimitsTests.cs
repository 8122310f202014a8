using System.Net;
using System.Text;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Every line, the header and the body are bounded before anything is authenticated, over HTTP and in process.</summary>
public sealed class HttpLimitsTests : IAsyncLifetime
{
    // Far more than the server reads (1 MiB at most, plus what socket buffers hold): a server that stops reading
    // makes the client's writes fail long before this is sent.
    private const long Flood = 64L * 1024 * 1024;
    private readonly LocalKmsService _service = new();
    private readonly LocalKmsServer _server;

    public HttpLimitsTests() => _server = new LocalKmsServer(_service);

    public Task InitializeAsync()
    {
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        _service.Dispose();
    }

    [Fact]
    public async Task Server_EndlessRequestLine_AnswersUriTooLongWithoutReadingIt()
    {
        var (written, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port, "POST /", (byte)'a', Flood);
        Assert.StartsWith("HTTP/1.1 414 ", answer);
        Assert.True(written < Flood, $"the server read all {written} bytes");
    }

    [Fact]
    public async Task Server_EndlessHeaderLine_AnswersHeaderFieldsTooLarge()
    {
        var (written, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ", (byte)'a', Flood);
        Assert.StartsWith("HTTP/1.1 431 ", answer);
        Assert.True(written < Flood, $"the server read all {written} bytes");
    }

    [Fact]
    public async Task Server_TooManyHeaderFields_AnswersHeaderFieldsTooLarge()
    {
        var head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (var i = 0; i < 200; i++) head.Append("X-Field-").Append(i).Append(": x\r\n");
        var (_, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port, head.Append("\r\n").ToString(), 0, 0);
        Assert.StartsWith("HTTP/1.1 431 ", answer);
        Assert.Contains("more than 100 fields", answer);
    }

    [Fact]
    public async Task Server_EndlessChunkSizeLine_RefusedWithoutReadingIt()
    {
        var (written, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port,
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n", (byte)'f', Flood);
        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.True(written < Flood, $"the server read all {written} bytes");
    }

    [Fact]
    public async Task Server_ChunkedBodyPastTheLimit_AnswersContentTooLarge()
    {
        var head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" + $"{HttpLimits.MaxBodyBytes + 1:x}\r\n";
        var (written, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port, head, (byte)'{', Flood);
        Assert.StartsWith("HTTP/1.1 413 ", answer);
        Assert.True(written < Flood, $"the server read all {written} bytes");
    }

    [Fact]
    public async Task Server_HugeContentLength_AnswersContentTooLargeBeforeTheBody()
    {
        var (written, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port,
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000000\r\n\r\n", (byte)'{', Flood);
        Assert.StartsWith("HTTP/1.1 413 ", answer);
        Assert.Contains("Connection: close", answer);
        Assert.True(written < Flood, $"the server read all {written} bytes");
    }

    [Fact]
    public async Task Server_ExpectContinueWithHugeContentLength_AnswersContentTooLargeInsteadOfContinue()
    {
        var (_, answer) = await RawHttp.SendUntilRefusedAsync(_server.Port,
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n", 0, 0);
        Assert.StartsWith("HTTP/1.1 413 ", answer);
    }

    [Fact]
    public async Task InProcess_BodyPastTheLimit_ContentTooLarge()
    {
        using var client = LocalKmsHttpMessageHandler.CreateClient(_service);
        var known = await client.PostAsync("http://localhost/", new ByteArrayContent(new byte[HttpLimits.MaxBodyBytes + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, known.StatusCode);

        // No Content-Length: the bound holds while the body is read.
        var unknown = await client.PostAsync("http://localhost/", new StreamContent(new EndlessStream()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, unknown.StatusCode);
    }

    /// <summary>A body that never ends, of unknown length.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => count;
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
