using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Tests.Fakes;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Fakes;

namespace Scout.Core.Tests.Api;

/// <summary>GET /v1/advisories/status (issue #18): the feed state `scout advisories status` shows, judged against the
/// deployment's poll interval, with nothing of the operator's secrets or layout; GET /v1/overview per tenant.</summary>
public sealed class FeedStatusApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("scout-feed-status-").FullName;
    private readonly SqliteScoutStore store;
    private readonly FixedClock clock = new(Now);

    private readonly SqliteWorkQueue queue;

    public FeedStatusApiTests()
    {
        store = new SqliteScoutStore(directory);
        queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), clock);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private ScoutPlatform Platform(TimeSpan? interval = null) =>
        ScoutPlatform.Create(store, queue,
            new ScoutComponents(new ListNormalizer(), new VersionOneMatcher(), new PrefixSecretScanner()),
            new ScoutOptions { Clock = clock, AdvisoryPollInterval = interval ?? TimeSpan.FromMinutes(1) });

    private async Task PolledAsync(string feed, string ecosystem, DateTimeOffset lastPoll)
    {
        var scope = new FeedScope(feed, ecosystem);
        await new FeedStateStore(store).SaveAsync(scope, new FeedState { LastRefresh = lastPoll });
        await store.SetCursorAsync(scope.CursorKey, "2026-12-01T00:00:00Z");
        // what the conditional poller (Scout.Advisories/Feeds/ListingPolls.cs) keeps beside the cursor
        await store.SetCursorAsync("poll:" + scope.CursorKey, $$"""{"lastPoll":"{{lastPoll:O}}","lastChange":"{{lastPoll.AddHours(-1):O}}"}""");
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(ScoutPlatform platform, string path, string? key)
    {
        var headers = new Dictionary<string, string>();
        if (key != null) headers["Authorization"] = "Bearer " + key;
        var response = await platform.Api.HandleAsync(new ApiRequest { Method = "GET", Path = path, Headers = headers, Body = Array.Empty<byte>(), Query = new Dictionary<string, string>() });
        return (response.Status, TestPlatform.Json(response));
    }

    private static JsonElement Feed(JsonElement body, string ecosystem) =>
        body.GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("ecosystem").GetString() == ecosystem);

    [Fact]
    public async Task A_feed_is_stale_once_its_last_poll_is_older_than_two_polls_and_a_minute()
    {
        var platform = Platform();
        var key = (await platform.Keys.CreateTenantAsync("acme")).ApiKey;
        await PolledAsync("https://osv.example.invalid/feed", "npm", Now - TimeSpan.FromSeconds(180)); // 2 × 60 s + 60 s: still fresh
        await PolledAsync("https://osv.example.invalid/feed", "PyPI", Now - TimeSpan.FromSeconds(181));
        await PolledAsync("https://osv.example.invalid/feed", "Go", Now);

        var (status, body) = await GetAsync(platform, "/v1/advisories/status", key);
        Assert.Equal(200, status);
        Assert.False(Feed(body, "npm").GetProperty("stale").GetBoolean());
        Assert.True(Feed(body, "PyPI").GetProperty("stale").GetBoolean());
        Assert.False(Feed(body, "Go").GetProperty("stale").GetBoolean());
        Assert.Equal(60, body.GetProperty("pollIntervalSeconds").GetInt32());
        Assert.Equal(180, body.GetProperty("staleAfterSeconds").GetInt32());
        Assert.Equal("2026-12-01T00:00:00Z", Feed(body, "npm").GetProperty("cursor").GetString());
        Assert.Equal(Now - TimeSpan.FromSeconds(180), Feed(body, "npm").GetProperty("lastPoll").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Array, Feed(body, "npm").GetProperty("pendingRetries").ValueKind);

        // `scout serve --refresh-interval 10`: stale after 2 × 10 s + 60 s
        var (_, fast) = await GetAsync(Platform(TimeSpan.FromSeconds(10)), "/v1/advisories/status", key);
        Assert.Equal(80, fast.GetProperty("staleAfterSeconds").GetInt32());
        Assert.True(Feed(fast, "npm").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task The_status_needs_a_key_and_names_no_credential_query_or_server_path()
    {
        var platform = Platform();
        await PolledAsync("https://reader:s3cret@osv.example.invalid/feed?token=t0ken", "npm", Now);
        var scope = new FeedScope("dir:/srv/secret-layout/advisories", "all");
        await new FeedStateStore(store).SaveAsync(scope, new FeedState { LastRefresh = Now.AddDays(-30) });

        Assert.Equal(401, (await GetAsync(platform, "/v1/advisories/status", null)).Status);
        Assert.Equal(401, (await GetAsync(platform, "/v1/advisories/status", "scout_0000_wrong")).Status);
        var key = (await platform.Keys.CreateTenantAsync("acme")).ApiKey;
        var (_, body) = await GetAsync(platform, "/v1/advisories/status", key);
        var text = body.ToString();
        Assert.DoesNotContain("s3cret", text);
        Assert.DoesNotContain("t0ken", text);
        Assert.DoesNotContain("/srv/secret-layout", text);
        Assert.Equal("https://osv.example.invalid/feed", Feed(body, "npm").GetProperty("feed").GetString());
        // an import from a folder has no schedule: its advisories are as of the import, never "stale"
        Assert.Equal("dir:advisories", Feed(body, "all").GetProperty("feed").GetString());
        Assert.False(Feed(body, "all").GetProperty("stale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Feed(body, "all").GetProperty("lastPoll").ValueKind);
    }

    [Fact]
    public async Task The_overview_counts_only_the_callers_images()
    {
        var platform = Platform();
        var mine = (await platform.Keys.CreateTenantAsync("acme")).ApiKey;
        var theirs = (await platform.Keys.CreateTenantAsync("other")).ApiKey;
        await platform.Api.HandleAsync(new ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = TestPlatform.Envelope(TestPlatform.Digest(1), extraEnv: """{"name":"TOKEN","value":"secret-abc"}"""),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + mine }, Query = new Dictionary<string, string>(),
        });
        await new SqliteQueueWorker(queue, platform.Delivery).DrainAsync();

        var (status, overview) = await GetAsync(platform, "/v1/overview", mine);
        Assert.Equal(200, status);
        Assert.Equal(1, overview.GetProperty("images").GetInt32());
        var (_, other) = await GetAsync(platform, "/v1/overview", theirs);
        Assert.Equal(0, other.GetProperty("images").GetInt32());
        Assert.Equal(0, other.GetProperty("secrets").GetInt32());
        Assert.Empty(other.GetProperty("policy").EnumerateArray());
        Assert.Equal(401, (await GetAsync(platform, "/v1/overview", null)).Status);
    }
}
