using System.Text;
using Scout.Core.Api;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.UseCases;

/// <summary>
/// Issue #11, index freshness: two platform instances on one SQLite store (as two processes would be). The one that
/// did not run the refresh (a warm Lambda, another `scout serve`) must analyze against the new advisories at its next
/// batch, for queued uploads and for local analysis.
/// </summary>
public sealed class IndexFreshnessTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash < 4.17.21
    private readonly string folder = Directory.CreateTempSubdirectory("scout-fresh-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private async Task<(ScoutPlatform Platform, SqliteWorkQueue Queue)> StartAsync(Func<IScoutStore, IScoutStore>? wrap = null)
    {
        var queue = new SqliteWorkQueue(new SqliteDatabase(folder, "queue.db"), SystemClock.Instance);
        IScoutStore store = new SqliteScoutStore(folder);
        return (await ScoutPlatform.CreateAsync(wrap?.Invoke(store) ?? store, queue, new ScoutOptions()), queue);
    }

    private string LodashFolder()
    {
        var advisories = Directory.CreateDirectory(Path.Combine(folder, "osv")).FullName;
        File.Copy(Scout.Testing.TestData.Path("osv", "npm", Lodash + ".json"), Path.Combine(advisories, Lodash + ".json"), overwrite: true);
        return advisories;
    }

    private static string LodashImage(string digest) => $$$"""
        {"image":{"digest":"{{{digest}}}","createdAt":"2026-11-01T10:00:00Z","exposedPorts":[],"env":[],"labels":{},
           "layers":["sha256:{{{new string('b', 64)}}}"],"architecture":"amd64","os":{"type":"linux","version":"12"},
           "registry":{"url":"docker.io/library/app","type":"dockerhub"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
           {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}}
        """;

    private static Task<ApiResponse> Send(ScoutPlatform platform, string method, string path, string key, string body) =>
        platform.Api.HandleAsync(new ApiRequest
        {
            Method = method, Path = path, Body = Encoding.UTF8.GetBytes(body),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        });

    [Fact]
    public async Task A_warm_instance_analyzes_against_advisories_another_instance_imported()
    {
        var (refresher, _) = await StartAsync();
        var (warm, warmQueue) = await StartAsync();        // started before the advisory exists: its index is empty
        var advisories = Directory.CreateDirectory(Path.Combine(folder, "osv")).FullName;
        File.Copy(Scout.Testing.TestData.Path("osv", "npm", Lodash + ".json"), Path.Combine(advisories, Lodash + ".json"));
        Assert.Equal(1, (await refresher.ImportAdvisoriesAsync(advisories)).AdvisoriesChanged);

        var key = (await warm.Keys.CreateTenantAsync("acme")).ApiKey;
        var local = await Send(warm, "POST", "/v1/analyze/local", key, """{"purls":["pkg:npm/lodash@4.17.20"],"layerDigests":[]}""");
        Assert.Equal(200, local.Status);
        Assert.Contains("CVE-2020-28500", Encoding.UTF8.GetString(local.Body.Span));

        var digest = Digest(31);
        var envelope = $$$"""
            {"image":{"digest":"{{{digest}}}","createdAt":"2026-11-01T10:00:00Z","exposedPorts":[],"env":[],"labels":{},
               "layers":["sha256:{{{new string('b', 64)}}}"],"architecture":"amd64","os":{"type":"linux","version":"12"},
               "registry":{"url":"docker.io/library/app","type":"dockerhub"}},
             "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
               {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}}
            """;
        Assert.Equal(202, (await Send(warm, "POST", "/v1/images", key, envelope)).Status);
        Assert.Equal(1, await new SqliteQueueWorker(warmQueue, warm.Delivery).DrainAsync());
        var findings = await Send(warm, "GET", $"/v1/images/{digest}/findings", key, "");
        Assert.Contains("CVE-2020-28500", Encoding.UTF8.GetString(findings.Body.Span));
        Assert.Equal(await new Scout.Core.UseCases.AdvisoryRevision(warm.Store).CurrentAsync(), warm.Components.Freshness!.LoadedRevision);
    }

    [Fact]
    public async Task A_refresh_landing_between_the_overlay_and_the_save_is_caught_by_the_recheck_after_the_save()
    {
        var (refresher, _) = await StartAsync();
        Scout.Core.UseCases.RefreshSummary? landed = null;
        // The other instance's import lands exactly after this instance's overlay (index still empty) and before its save:
        // the import lists the images holding lodash before this image exists, so it re-overlays nothing.
        var (warm, warmQueue) = await StartAsync(store => Scout.Testing.Faults.HookedStore.Wrap(store, nameof(IScoutStore.SaveAnalysisAsync),
            async _ => landed ??= await refresher.ImportAdvisoriesAsync(LodashFolder())));
        var key = (await warm.Keys.CreateTenantAsync("acme")).ApiKey;
        var digest = Digest(32);
        var accepted = await Send(warm, "POST", "/v1/images", key, LodashImage(digest));
        Assert.Equal(202, accepted.Status);
        var upload = System.Text.Json.JsonDocument.Parse(accepted.Body).RootElement.GetProperty("uploadId").GetString();
        Assert.Equal(1, await new SqliteQueueWorker(warmQueue, warm.Delivery).DrainAsync());

        Assert.NotNull(landed);
        Assert.Equal(1, landed.AdvisoriesChanged);
        Assert.Equal(0, landed.ImagesReoverlaid);           // the race happened: the refresh did not see this image
        var findings = await Send(warm, "GET", $"/v1/images/{digest}/findings", key, "");
        Assert.Contains("CVE-2020-28500", Encoding.UTF8.GetString(findings.Body.Span));
        var status = await Send(warm, "GET", $"/v1/uploads/{upload}", key, "");
        Assert.Equal("done", System.Text.Json.JsonDocument.Parse(status.Body).RootElement.GetProperty("status").GetString());
    }
}
