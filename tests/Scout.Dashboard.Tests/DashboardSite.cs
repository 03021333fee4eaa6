using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Scout.Cli.Platform;
using Scout.Hosting;
using Scout.Testing;

namespace Scout.Dashboard.Tests;

/// <summary>
/// The real platform on the embedded default (SQLite, in-process queue) behind the local Kestrel host, with the bundled
/// sample advisories imported and a handful of images uploaded over HTTP and analyzed by the queue: what the dashboard
/// shows is whatever the API says about them.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-dashboard-test-").FullName;
    private WebApplication? app;
    private CancellationTokenSource? stop;
    private Task? worker;
    private OsvBucket? feed;
    private OsvBucketServer? feedServer;

    public string BaseUrl { get; private set; } = "";
    public string ApiKey { get; private set; } = "";
    public HttpClient Http { get; private set; } = new();
    public ScoutPlatform Platform { get; private set; } = null!;
    /// <summary>Every line the server logged: the tests check that no API key is among them.</summary>
    public List<string> ServerLog { get; } = [];

    /// <summary>The sample images: (repository with tag, namespace or null, how many sample components to keep).</summary>
    public static readonly (string Url, string? Namespace, int Components)[] Images =
    [
        ("registry.example.invalid/shop/checkout:1.4.2", "shop", int.MaxValue),
        ("registry.example.invalid/payments/api:2.3", "payments", 4),
        ("registry.example.invalid/payments/worker:2.3", "payments", 2),
        ("registry.example.invalid/web/frontend:latest", null, 1),
        ("docker.io/library/debian:12", null, 0),
    ];

    public async Task InitializeAsync()
    {
        var samples = Path.Combine(TestData.RepoRoot, "functions", "Scout.Cli", "samples");
        var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), Log, CancellationToken.None);
        Platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions());
        await Platform.ImportAdvisoriesAsync(Path.Combine(samples, "advisories"));
        ApiKey = (await Platform.Keys.CreateTenantAsync("dashboard-test")).ApiKey;
        app = LocalWebHost.Build(Platform, 0, Log);
        await app.StartAsync();
        BaseUrl = app.Urls.First().TrimEnd('/');
        stop = new CancellationTokenSource();
        worker = backend.Consumer(Platform).RunAsync(Platform, stop.Token);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);

        var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(samples, "demo-image.json")))!.AsObject();
        var statuses = new List<string>();
        for (var i = 0; i < Images.Length; i++)
        {
            var (url, ns, keep) = Images[i];
            var envelope = template.DeepClone().AsObject();
            envelope["image"]!["digest"] = "sha256:" + (i + 1).ToString("x").PadLeft(64, 'd');
            envelope["image"]!["registry"]!["url"] = url;
            var components = envelope["sbom"]!["components"]!.AsArray();
            while (components.Count > Math.Min(keep, components.Count)) components.RemoveAt(components.Count - 1);
            envelope["sbom"]!.AsObject().Remove("dependencies");
            if (ns is null) envelope.Remove("environment");
            else envelope["environment"] = new JsonObject { ["namespace"] = ns, ["workloadName"] = url.Split('/')[^1].Split(':')[0], ["workloadType"] = "Deployment" };
            if (i > 0) envelope["image"]!["env"] = new JsonArray(new JsonObject { ["name"] = "PATH", ["value"] = "/usr/bin" });
            using var response = await Http.PostAsync("/v1/images", new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 202) throw new InvalidOperationException($"upload {i} refused: {(int)response.StatusCode} {body}");
            statuses.Add(JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!);
        }
        foreach (var status in statuses) await WaitDoneAsync(status);

        // One scheduled-refresh poll of an HTTP feed in the OSV bucket layout (a real Alpine record): the overview's
        // advisory freshness shows its cursor and poll times.
        feed = new OsvBucket().Put("Alpine", OsvBucket.Real("Alpine", "ALPINE-CVE-2023-46850")).Publish();
        feedServer = new OsvBucketServer(feed.Root);
        FeedUri = feedServer.BaseUri;
        var refresh = await Platform.RefreshAdvisoriesAsync(FeedUri);
        if (refresh.Errors.Count > 0) throw new InvalidOperationException("feed refresh failed: " + string.Join("; ", refresh.Errors));
    }

    /// <summary>The HTTP feed polled once at start.</summary>
    public Uri FeedUri { get; private set; } = null!;

    private async Task WaitDoneAsync(string statusPath)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var status = JsonDocument.Parse(await Http.GetStringAsync(statusPath)).RootElement;
            switch (status.GetProperty("status").GetString())
            {
                case "done": return;
                case "failed": throw new InvalidOperationException($"analysis failed: {status}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{statusPath} not analyzed after 120 s");
    }

    public async Task<JsonElement> GetJsonAsync(string path) => JsonDocument.Parse(await Http.GetStringAsync(path)).RootElement.Clone();

    private void Log(string line) { lock (ServerLog) ServerLog.Add(line); }

    public async Task DisposeAsync()
    {
        stop?.Cancel();
        if (worker != null) await worker;
        if (app != null) { await app.StopAsync(); await app.DisposeAsync(); }
        Http.Dispose();
        feedServer?.Dispose();
        feed?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
