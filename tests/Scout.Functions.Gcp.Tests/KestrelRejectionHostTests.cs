using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Delivery;

namespace Scout.Functions.Gcp.Tests;

/// <summary>The Cloud Run host's Kestrel refusals carry the API's `{error, detail}` body too (raw bytes over a socket).</summary>
public sealed class KestrelRejectionHostTests : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-gcp-kestrel-").FullName;
    private WebApplication? app;

    public async ValueTask DisposeAsync()
    {
        if (app != null) await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private async Task<Uri> StartAsync()
    {
        var store = new SqliteScoutStore(directory);
        await store.InitializeAsync();
        var platform = ScoutPlatform.Create(store, new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance),
            UploadCorpus.Components(), new ScoutOptions());
        app = GcpFunctionHost.Build(platform, new GcpFunctionSettings { Function = GcpFunctionSettings.Http, ProjectId = "demo-test" },
            b => b.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync();
        return new Uri(app.Urls.First());
    }

    [Theory]
    [InlineData(414, "uri_too_long", "long-line")]
    [InlineData(431, "headers_too_large", "big-header")]
    [InlineData(400, "invalid_request", "GARBAGE\r\n\r\n")]
    [InlineData(400, "invalid_request", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n")]
    public async Task Kestrel_refusals_answer_with_the_json_error_body(int status, string error, string request)
    {
        var address = await StartAsync();
        request = request switch
        {
            "long-line" => $"GET /{new string('a', 20_000)} HTTP/1.1\r\nHost: x\r\n\r\n",
            "big-header" => $"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {new string('b', 40_000)}\r\n\r\n",
            _ => request,
        };
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        try { await stream.WriteAsync(Encoding.Latin1.GetBytes(request)); } catch (IOException) { }
        // Refusals close the connection: the whole answer is what arrives before the close.
        var answer = new MemoryStream();
        try { await stream.CopyToAsync(answer); } catch (IOException) { }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "no answer head: " + text);
        Assert.StartsWith($"HTTP/1.1 {status} ", text);
        Assert.Contains("Content-Type: application/json", text[..split]);
        using var body = JsonDocument.Parse(text[(split + 4)..]);
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("detail").GetString()));
    }
}
