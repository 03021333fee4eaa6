using System.Text;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.UseCases;

/// <summary>
/// Issue #15: a refresh records the trend of the tenants whose findings it changed, not of every tenant (which read every
/// stored image after each refresh, so a refresh's cost grew with the store instead of with the images it touched).
/// </summary>
public sealed class RefreshTrendTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash < 4.17.21
    private readonly string folder = Directory.CreateTempSubdirectory("scout-refresh-trend-").FullName;
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }

    private static byte[] Image(string digest, string lodashVersion) => Encoding.UTF8.GetBytes($$$"""
        {"image":{"digest":"{{{digest}}}","createdAt":"2026-11-01T10:00:00Z","exposedPorts":[],"env":[],"labels":{},
           "layers":["sha256:{{{new string('b', 64)}}}"],"architecture":"amd64","os":{"type":"linux","version":"12"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
           {"type":"library","name":"lodash","version":"{{{lodashVersion}}}","purl":"pkg:npm/lodash@{{{lodashVersion}}}"}]}}
        """);

    [Fact]
    public async Task A_refresh_records_the_trend_of_the_tenants_whose_findings_it_changed_only()
    {
        var store = new SqliteScoutStore(folder);
        var queue = new SqliteWorkQueue(new SqliteDatabase(folder, "queue.db"), clock);
        var platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions { Clock = clock });
        var (affected, affectedKey) = await platform.Keys.CreateTenantAsync("affected");
        var (unaffected, unaffectedKey) = await platform.Keys.CreateTenantAsync("unaffected");
        foreach (var (key, digest, version) in new[] { (affectedKey, Digest(1), "4.17.20"), (unaffectedKey, Digest(2), "4.17.21") })
            Assert.Equal(202, (await platform.Api.HandleAsync(new ApiRequest
            {
                Method = "POST", Path = "/v1/images", Body = Image(digest, version),
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
            })).Status);
        Assert.Equal(2, await new SqliteQueueWorker(queue, platform.Delivery).DrainAsync());
        var analyzedAt = clock.UtcNow;
        var today = TrendSnapshot.DayOf(analyzedAt);
        Assert.Equal(analyzedAt, Assert.Single(await store.GetTrendSnapshotsAsync(unaffected.TenantId, today)).RecordedAt);

        clock.UtcNow += TimeSpan.FromMinutes(5);
        var advisories = Directory.CreateDirectory(Path.Combine(folder, "osv")).FullName;
        File.Copy(Scout.Testing.TestData.Path("osv", "npm", Lodash + ".json"), Path.Combine(advisories, Lodash + ".json"));
        var summary = await platform.ImportAdvisoriesAsync(advisories);

        Assert.Equal(1, summary.FindingsAdded);
        Assert.Equal([affected.TenantId], summary.TenantsChanged);
        var recorded = Assert.Single(await store.GetTrendSnapshotsAsync(affected.TenantId, today));
        Assert.Equal(clock.UtcNow, recorded.RecordedAt);
        Assert.Equal(1, recorded.Counts.Values.Sum());
        // The other tenant's findings did not change: its point stays the one its analysis recorded.
        Assert.Equal(analyzedAt, Assert.Single(await store.GetTrendSnapshotsAsync(unaffected.TenantId, today)).RecordedAt);
    }

    [Fact]
    public async Task A_full_rescan_still_records_every_tenant()
    {
        var store = new SqliteScoutStore(folder);
        var queue = new SqliteWorkQueue(new SqliteDatabase(folder, "queue.db"), clock);
        var platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions { Clock = clock });
        var (tenant, key) = await platform.Keys.CreateTenantAsync("acme");
        Assert.Equal(202, (await platform.Api.HandleAsync(new ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Image(Digest(3), "4.17.21"),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        })).Status);
        Assert.Equal(1, await new SqliteQueueWorker(queue, platform.Delivery).DrainAsync());

        clock.UtcNow += TimeSpan.FromMinutes(5);
        var summary = await platform.RescanAllAsync();

        Assert.Null(summary.TenantsChanged);
        Assert.Equal(clock.UtcNow, Assert.Single(await store.GetTrendSnapshotsAsync(tenant.TenantId, TrendSnapshot.DayOf(clock.UtcNow))).RecordedAt);
    }
}
