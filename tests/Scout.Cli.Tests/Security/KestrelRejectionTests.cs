using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// Requests Kestrel refuses before the API sees them, sent as raw bytes over a socket to a real `scout serve`: every
/// answer is a 4xx with the API's `{error, detail}` JSON body, never an empty body and never a 5xx.
/// </summary>
public sealed class KestrelRejectionTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-kestrel-test-").FullName;
    private ScoutProcess? server;
    private Uri address = null!;
    private string key = "";

    public async Task InitializeAsync()
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        key = stdout.TrimEnd().Split('\n')[^1].Trim();
        (server, address) = await ScoutProcess.ServeAsync(data);
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        Directory.Delete(data, recursive: true);
        return Task.CompletedTask;
    }

    private sealed record RawAnswer(int Status, Dictionary<string, string> Headers, string Body);

    /// <summary>Writes the bytes, then reads one HTTP/1.1 answer (head, then Content-Length bytes of body).</summary>
    private async Task<RawAnswer> SendAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        stream.ReadTimeout = 60_000;
        try { await stream.WriteAsync(request); }
        catch (IOException) { } // the server may close after refusing the start of a long request; its answer is still readable
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk);
            Assert.True(read > 0, "connection closed before an answer head: " + Encoding.ASCII.GetString(buffer.ToArray()));
            buffer.Write(chunk, 0, read);
        }
        var head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headEnd).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1]);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        async Task<bool> More()
        {
            var read = await stream.ReadAsync(chunk);
            buffer.Write(chunk, 0, read);
            return read > 0;
        }
        var at = headEnd + 4;
        if (headers.GetValueOrDefault("Transfer-Encoding", "").Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new MemoryStream();
            while (true)
            {
                int lineEnd;
                while ((lineEnd = buffer.GetBuffer().AsSpan(at, (int)buffer.Length - at).IndexOf("\r\n"u8)) < 0) Assert.True(await More(), "chunked body cut off");
                var size = Convert.ToInt32(Encoding.ASCII.GetString(buffer.GetBuffer(), at, lineEnd).Split(';')[0].Trim(), 16);
                at += lineEnd + 2;
                if (size == 0) break;
                while (buffer.Length < at + size + 2) Assert.True(await More(), "chunked body cut off");
                body.Write(buffer.GetBuffer(), at, size);
                at += size + 2;
            }
            return new RawAnswer(status, headers, Encoding.UTF8.GetString(body.ToArray()));
        }
        var length = int.Parse(headers.GetValueOrDefault("Content-Length", "0"));
        while (buffer.Length < at + length) Assert.True(await More(), "body cut off");
        return new RawAnswer(status, headers, Encoding.UTF8.GetString(buffer.GetBuffer(), at, length));
    }

    private static int IndexOf(MemoryStream buffer, ReadOnlySpan<byte> needle) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(needle);

    private static void AssertJsonError(RawAnswer answer, int status, string error, string what)
    {
        Assert.True(answer.Status == status, $"{what}: {answer.Status} {answer.Body}");
        Assert.StartsWith("application/json", answer.Headers.GetValueOrDefault("Content-Type", ""), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(answer.Body);
        Assert.Equal(error, doc.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("detail").GetString()), what + ": empty detail");
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    [Fact]
    public async Task Request_line_too_long_is_414_with_the_json_body()
    {
        var answer = await SendAsync(Ascii($"GET /v1/images/{new string('a', 20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        AssertJsonError(answer, 414, "uri_too_long", "20 KB request line");
    }

    [Fact]
    public async Task Headers_too_large_or_too_many_are_431_with_the_json_body()
    {
        var big = await SendAsync(Ascii($"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('b', 40_000)}\r\n\r\n"));
        AssertJsonError(big, 431, "headers_too_large", "40 KB header");
        var many = string.Concat(Enumerable.Range(0, 150).Select(i => $"X-H{i}: v\r\n"));
        var count = await SendAsync(Ascii($"GET /healthz HTTP/1.1\r\nHost: localhost\r\n{many}\r\n"));
        AssertJsonError(count, 431, "headers_too_large", "150 headers");
    }

    [Theory]
    [InlineData("garbage request line", "GARBAGE\r\n\r\n")]
    [InlineData("header without a colon", "GET /healthz HTTP/1.1\r\nHost: localhost\r\nNoColonHere\r\n\r\n")]
    [InlineData("space in a header name", "GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Name: v\r\n\r\n")]
    [InlineData("missing Host on HTTP/1.1", "GET /healthz HTTP/1.1\r\n\r\n")]
    [InlineData("two Host headers", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")]
    [InlineData("non-numeric Content-Length", "POST /v1/images HTTP/1.1\r\nHost: localhost\r\nContent-Length: lots\r\n\r\n")]
    [InlineData("two Content-Length values", "POST /v1/images HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")]
    [InlineData("unknown HTTP version (Kestrel's 505)", "GET /healthz HTTP/9.9\r\nHost: localhost\r\n\r\n")]
    [InlineData("bare LF line ends and a NUL in the target", "GET /\0 HTTP/1.1\nHost: localhost\n\n")]
    public async Task Malformed_requests_are_400_with_the_json_body(string what, string request)
    {
        var answer = await SendAsync(Ascii(request));
        AssertJsonError(answer, 400, "invalid_request", what);
    }

    [Fact]
    public async Task Malformed_chunked_body_after_authentication_is_400_with_the_json_body()
    {
        var request = $"POST /v1/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n";
        var answer = await SendAsync(Ascii(request));
        AssertJsonError(answer, 400, "invalid_request", "bad chunk size");
    }

    [Fact]
    public async Task Declared_body_over_the_limit_is_413_with_the_json_body()
    {
        var request = $"POST /v1/images HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\n" +
            "Content-Length: 999999999999\r\n\r\n{}";
        var answer = await SendAsync(Ascii(request));
        AssertJsonError(answer, 413, "payload_too_large", "declared 1 TB body");
    }

    [Fact]
    public async Task After_the_refusals_the_server_still_answers_well_formed_requests()
    {
        await SendAsync(Ascii("GARBAGE\r\n\r\n"));
        await SendAsync(Ascii($"GET /{new string('a', 20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        var ok = await SendAsync(Ascii("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        Assert.Equal(200, ok.Status);
        var missing = await SendAsync(Ascii("GET /v1/nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        Assert.InRange(missing.Status, 400, 499);
        Assert.True(JsonDocument.Parse(missing.Body).RootElement.TryGetProperty("error", out _), missing.Body);
    }
}
