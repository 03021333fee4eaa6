using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>
/// A feed in OSV's bucket layout, built in a temp folder from real test-data records: ecosystems.txt,
/// &lt;Ecosystem&gt;/all.zip, &lt;Ecosystem&gt;/&lt;ID&gt;.json, &lt;Ecosystem&gt;/modified_id.csv (newest first).
/// Records can be changed in place (new `modified`) to simulate a publication.
/// </summary>
internal sealed class FeedFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("scout-feed-").FullName;
    private readonly Dictionary<string, Dictionary<string, JsonObject>> records = new();

    public static JsonObject Real(string ecosystemFolder, string id) =>
        JsonNode.Parse(File.ReadAllText(TestData.Path("osv", ecosystemFolder, id + ".json")))!.AsObject();

    public FeedFolder Put(string ecosystem, JsonObject record)
    {
        if (!records.TryGetValue(ecosystem, out var eco)) records[ecosystem] = eco = new();
        eco[(string)record["id"]!] = record;
        return this;
    }

    /// <summary>Writes the bucket files. With <paramref name="zip"/> false the all.zip is left as it was (a stale snapshot).</summary>
    public FeedFolder Publish(bool zip = true)
    {
        File.WriteAllLines(Path.Combine(Root, "ecosystems.txt"), records.Keys);
        foreach (var (eco, recs) in records)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Root, eco)).FullName;
            foreach (var (id, rec) in recs) File.WriteAllText(Path.Combine(dir, id + ".json"), rec.ToJsonString());
            File.WriteAllLines(Path.Combine(dir, "modified_id.csv"),
                recs.Values.OrderByDescending(r => DateTimeOffset.Parse((string)r["modified"]!)).Select(r => $"{(string)r["modified"]!},{(string)r["id"]!}"));
            if (!zip) continue;
            var zipPath = Path.Combine(dir, "all.zip");
            File.Delete(zipPath);
            using var archive = ZipFile.Open(zipPath, ZipArchiveMode.Create);
            foreach (var (id, rec) in recs)
            {
                using var w = new StreamWriter(archive.CreateEntry(id + ".json").Open());
                w.Write(rec.ToJsonString());
            }
        }
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}

/// <summary>A real HTTP server on 127.0.0.1 serving a folder, counting requests per path.</summary>
internal sealed class FolderHttpServer : IDisposable
{
    private HttpListener listener = new();
    private readonly string root;
    private readonly Task loop;
    public Uri BaseUri { get; }
    public List<string> Requests { get; } = [];
    /// <summary>Paths answered with 500 (a failing server), whatever the folder holds.</summary>
    public HashSet<string> FailPaths { get; } = [];

    public FolderHttpServer(string root)
    {
        this.root = root;
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            BaseUri = new Uri($"http://127.0.0.1:{port}/feed/");
            listener.Prefixes.Clear();
            listener.Prefixes.Add(BaseUri.AbsoluteUri);
            try { listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 20) { listener.Close(); listener = new HttpListener(); }
        }
        loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            var rel = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath["/feed/".Length..]);
            lock (Requests) Requests.Add(rel);
            var file = Path.Combine(root, rel);
            bool fail;
            lock (FailPaths) fail = FailPaths.Contains(rel);
            if (fail) ctx.Response.StatusCode = 500;
            else if (File.Exists(file))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                ctx.Response.StatusCode = 200;
                await ctx.Response.OutputStream.WriteAsync(bytes);
            }
            else ctx.Response.StatusCode = 404;
            ctx.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
