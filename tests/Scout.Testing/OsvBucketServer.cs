using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Scout.Testing;

/// <summary>One request as the server saw it: the bytes are counted on the socket, headers included.</summary>
public sealed record ServedRequest(string Path, int Status, long RequestBytes, long ResponseBytes);

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 serving a folder under /feed/ the way an object store does: every file with an
/// ETag (content hash) and Last-Modified, and 304 to If-None-Match / If-Modified-Since. It counts requests and the
/// bytes on the wire, so a test can say what an idle poll costs. Written on a raw socket for exact byte counts.
/// </summary>
public sealed class OsvBucketServer : IDisposable
{
    private readonly string root;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<ServedRequest> requests = [];
    private readonly Task loop;

    public OsvBucketServer(string root)
    {
        this.root = root;
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/feed/");
        loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<ServedRequest> Requests { get { lock (requests) return [.. requests]; } }

    public void ClearRequests() { lock (requests) requests.Clear(); }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var pending = new List<byte>();
            var buffer = new byte[8192];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    int end;
                    while ((end = HeaderEnd(pending)) < 0)
                    {
                        var n = await stream.ReadAsync(buffer, stop.Token);
                        if (n == 0) return;
                        pending.AddRange(buffer.AsSpan(0, n));
                    }
                    var head = Encoding.ASCII.GetString(pending.GetRange(0, end).ToArray());
                    pending.RemoveRange(0, end + 4);
                    var keepAlive = await AnswerAsync(stream, head, end + 4);
                    if (!keepAlive) return;
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException) { }
        }
    }

    private static int HeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
        return -1;
    }

    private async Task<bool> AnswerAsync(NetworkStream stream, string head, long requestBytes)
    {
        var lines = head.Split("\r\n");
        var target = lines[0].Split(' ')[1];
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var path = Uri.UnescapeDataString(target.Split('?')[0]);
        var relative = path.StartsWith("/feed/", StringComparison.Ordinal) ? path["/feed/".Length..] : null;
        var file = relative == null || relative.Contains("..") ? null : Path.Combine(root, relative);
        byte[]? body = null;
        DateTime modified = default;
        if (file != null && File.Exists(file))
        {
            try
            {
                body = await File.ReadAllBytesAsync(file);
                modified = File.GetLastWriteTimeUtc(file);
            }
            catch (IOException) { body = null; }
        }
        int status;
        var response = new StringBuilder();
        if (body == null)
        {
            status = 404;
            response.Append("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n");
        }
        else
        {
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";
            var lastModified = new DateTimeOffset(modified.Ticks - modified.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            var notModified = headers.TryGetValue("If-None-Match", out var inm)
                ? inm.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "*")
                : headers.TryGetValue("If-Modified-Since", out var ims)
                  && DateTimeOffset.TryParse(ims, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) && lastModified <= since;
            status = notModified ? 304 : 200;
            response.Append(notModified ? "HTTP/1.1 304 Not Modified\r\n" : $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n");
            response.Append($"ETag: {etag}\r\nLast-Modified: {lastModified.ToString("R", CultureInfo.InvariantCulture)}\r\n");
            if (notModified) body = null;
        }
        response.Append("\r\n");
        var headerBytes = Encoding.ASCII.GetBytes(response.ToString());
        // Recorded before the answer is written: a client that has its answer may clear the log at once, and a request
        // recorded after that would count against the next run.
        lock (requests) requests.Add(new ServedRequest(relative ?? path, status, requestBytes, headerBytes.Length + (body?.Length ?? 0)));
        await stream.WriteAsync(headerBytes, stop.Token);
        if (body != null) await stream.WriteAsync(body, stop.Token);
        return !(headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        listener.Dispose();
        stop.Dispose();
    }
}
