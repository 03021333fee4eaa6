using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.UseCases;

/// <summary>
/// The trend after analyses: recorded at most once per interval per tenant (a batch must not list the tenant's images
/// once per upload), while GET /v1/trend still shows today's point as of now.
/// </summary>
public sealed class TenantTrendTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-trend-test-").FullName;
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_burst_of_analyses_records_once_per_interval_and_the_trend_still_shows_every_image_today()
    {
        var store = new SqliteScoutStore(directory);
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), clock);
        var platform = ScoutPlatform.Create(store, queue, new ScoutComponents(new ListNormalizer(), new VersionOneMatcher(), new PrefixSecretScanner()),
            new ScoutOptions { Clock = clock });
        var (tenant, key) = await platform.Keys.CreateTenantAsync("acme");
        var worker = new SqliteQueueWorker(queue, platform.Delivery);
        var recordedAt = new List<DateTimeOffset>();
        for (var i = 0; i < 30; i++)
        {
            var upload = await platform.Api.HandleAsync(Post("/v1/images", key, Envelope(Digest(100 + i), ["pkg:npm/left-pad@1.0"])));
            Assert.Equal(202, upload.Status);
            Assert.Equal(1, await worker.DrainAsync());
            var stored = await store.GetTrendSnapshotsAsync(tenant.TenantId, TrendSnapshot.DayOf(clock.UtcNow));
            recordedAt.Add(Assert.Single(stored).RecordedAt);
            clock.UtcNow += TimeSpan.FromSeconds(5);
        }
        // 30 analyses 5 s apart span 145 s: recorded at the first, then once per interval (0 s, 60 s, 120 s).
        var recordings = recordedAt.Distinct().ToList();
        Assert.Equal(1 + (int)(TimeSpan.FromSeconds(29 * 5) / TenantTrend.AnalysisInterval), recordings.Count);
        Assert.All(recordings.Zip(recordings.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TenantTrend.AnalysisInterval));

        var stale = Assert.Single(await store.GetTrendSnapshotsAsync(tenant.TenantId, TrendSnapshot.DayOf(clock.UtcNow)));
        Assert.True(stale.Images < 30, "the last analyses fell inside the interval: the stored point lags");
        var trend = Json(await platform.Api.HandleAsync(Get("/v1/trend", key)));
        var today = Assert.Single(trend.GetProperty("days").EnumerateArray());
        Assert.Equal(TrendSnapshot.DayOf(clock.UtcNow), today.GetProperty("day").GetString());
        Assert.Equal(30, today.GetProperty("images").GetInt32());
    }

    [Fact]
    public async Task An_analysis_after_the_interval_records_again_and_a_new_day_gets_its_own_point()
    {
        var store = new SqliteScoutStore(directory);
        await store.InitializeAsync();
        var trend = new TenantTrend(store, clock);
        Assert.True(await trend.RecordAfterAnalysisAsync("tn_a"));
        clock.UtcNow += TenantTrend.AnalysisInterval - TimeSpan.FromSeconds(1);
        Assert.False(await trend.RecordAfterAnalysisAsync("tn_a"));
        Assert.True(await trend.RecordAfterAnalysisAsync("tn_b")); // per tenant
        clock.UtcNow += TimeSpan.FromSeconds(1);
        Assert.True(await trend.RecordAfterAnalysisAsync("tn_a"));
        clock.UtcNow = clock.UtcNow.Date.AddDays(1).AddSeconds(1);
        Assert.True(await trend.RecordAfterAnalysisAsync("tn_a"));
        Assert.Equal(2, (await store.GetTrendSnapshotsAsync("tn_a", "2026-12-01")).Count);
    }

    private static Core.Api.ApiRequest Post(string path, string key, byte[] body) => new()
    {
        Method = "POST", Path = path, Body = body,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
    };

    private static Core.Api.ApiRequest Get(string path, string key) => new()
    {
        Method = "GET", Path = path, Query = new Dictionary<string, string>(),
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
    };
}
