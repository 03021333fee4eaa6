using System.Text.Json;
using Scout.Advisories.Feeds;
using Scout.Core.UseCases;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>
/// Issue #18: the refresh polls an HTTP feed's listings with conditional requests. A refresh that finds nothing new
/// costs one small 304 per ecosystem (plus one for ecosystems.txt), a new record still arrives at the next poll, and a
/// refresh that fails after the listing was read does not turn the next poll into a "not modified".
/// </summary>
public sealed class ConditionalPollTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash >=4.0.0 <4.17.21
    private readonly StoreHarness harness = new();
    private readonly OsvBucket bucket = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        bucket.Dispose();
        harness.Dispose();
    }

    private Task<RefreshSummary> RefreshAsync(OsvBucketServer server) =>
        harness.Services.Refresh!.RefreshAsync(harness.Services.OpenFeed(server.BaseUri.AbsoluteUri, http));

    private OsvBucketServer ServeTwoEcosystems()
    {
        bucket.Put("npm", OsvBucket.Real("npm", "GHSA-2mhh-w6q8-5hxw"))
            .Put("PyPI", OsvBucket.Real("PyPI", "GHSA-2c8c-84w2-j38j"))
            .Publish();
        return new OsvBucketServer(bucket.Root);
    }

    private async Task<ListingPollState> PollStateAsync(OsvBucketServer server, string ecosystem) =>
        ListingPollState.Parse(await harness.Store.GetCursorAsync(ListingPolls.KeyOf(server.BaseUri.AbsoluteUri.TrimEnd('/') + "|" + ecosystem)))
        ?? throw new Xunit.Sdk.XunitException($"no poll state stored for {ecosystem}");

    [Fact]
    public async Task A_refresh_that_finds_nothing_new_is_one_small_304_per_ecosystem()
    {
        using var server = ServeTwoEcosystems();
        await RefreshAsync(server);   // first read: all.zip
        await RefreshAsync(server);   // validators now belong to the stored cursors
        server.ClearRequests();

        var idle = await RefreshAsync(server);

        Assert.Equal(0, idle.AdvisoriesChanged);
        var requests = server.Requests;
        Assert.Equal(["PyPI/modified_id.csv", "ecosystems.txt", "npm/modified_id.csv"], requests.Select(r => r.Path).Order());
        Assert.All(requests, r => Assert.Equal(304, r.Status));
        // A 304 carries headers only: far less than the listing itself (which grows with the feed).
        Assert.All(requests, r => Assert.True(r.ResponseBytes < 200, $"{r.Path}: {r.ResponseBytes} bytes for a 304"));
    }

    [Fact]
    public async Task A_new_record_after_idle_polls_arrives_at_the_next_poll_and_is_recorded_as_a_change()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        using var server = ServeTwoEcosystems();
        await RefreshAsync(server);
        await RefreshAsync(server);
        var before = await PollStateAsync(server, "npm");
        var pypiBefore = await PollStateAsync(server, "PyPI");
        Assert.NotNull(before.ETag);
        Assert.NotNull(before.LastPoll);

        var lodash = OsvBucket.Real("npm", Lodash);
        lodash["modified"] = OsvBucket.Rfc3339(DateTimeOffset.UtcNow.AddSeconds(5));
        bucket.Put("npm", lodash).Publish(zip: false);
        server.ClearRequests();
        var changed = await RefreshAsync(server);

        Assert.Equal((1, 1), (changed.AdvisoriesChanged, changed.FindingsAdded));
        Assert.Contains(await harness.Store.GetFindingsAsync("t1", "sha256:a"), f => f.Id == "CVE-2020-28500");
        Assert.Contains(server.Requests, r => r.Path == "npm/modified_id.csv" && r.Status == 200);
        Assert.Contains(server.Requests, r => r.Path == "PyPI/modified_id.csv" && r.Status == 304);
        var after = await PollStateAsync(server, "npm");
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.True(after.LastChange > before.LastChange, $"lastChange {after.LastChange} not after {before.LastChange}");
        Assert.True(after.LastPoll >= after.LastChange);
        var pypiAfter = await PollStateAsync(server, "PyPI");
        Assert.Equal(pypiBefore.LastChange, pypiAfter.LastChange);   // polled, nothing new there
        Assert.True(pypiAfter.LastPoll > pypiBefore.LastPoll);

        // The stored state is the JSON other readers (scout advisories status) rely on.
        using var json = JsonDocument.Parse((await harness.Store.GetCursorAsync(ListingPolls.KeyOf(server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm")))!);
        foreach (var field in new[] { "etag", "lastModified", "lastPoll", "lastChange" })
            Assert.True(json.RootElement.TryGetProperty(field, out _), $"poll state lacks {field}: {json.RootElement}");
        Assert.True(DateTimeOffset.TryParse(json.RootElement.GetProperty("lastPoll").GetString(), out _));
    }

    [Fact]
    public async Task A_refresh_that_fails_after_reading_the_listing_reads_it_again_instead_of_getting_a_304()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        using var server = ServeTwoEcosystems();
        await RefreshAsync(server);
        await RefreshAsync(server);

        var lodash = OsvBucket.Real("npm", Lodash);
        lodash["modified"] = OsvBucket.Rfc3339(DateTimeOffset.UtcNow.AddSeconds(5));
        bucket.Put("npm", lodash).Publish(zip: false);
        harness.Faults.FailApply = true;
        await Assert.ThrowsAsync<IOException>(() => RefreshAsync(server));
        harness.Faults.FailApply = false;

        server.ClearRequests();
        var retry = await RefreshAsync(server);
        Assert.Equal((1, 1), (retry.AdvisoriesChanged, retry.FindingsAdded));
        Assert.Contains(server.Requests, r => r.Path == "npm/modified_id.csv" && r.Status == 200);
        Assert.Contains(await harness.Store.GetFindingsAsync("t1", "sha256:a"), f => f.Id == "CVE-2020-28500");
    }

    [Fact]
    public void Unreadable_poll_state_means_an_unconditional_poll_not_an_error()
    {
        Assert.Null(ListingPollState.Parse("not json"));
        Assert.Null(ListingPollState.Parse("[1]"));
        var state = new ListingPollState("\"abc\"", DateTimeOffset.Parse("2026-01-02T03:04:05Z"), DateTimeOffset.UtcNow, null, "c");
        Assert.Equal(state with { LastPoll = state.LastPoll!.Value.AddTicks(-(state.LastPoll!.Value.Ticks % TimeSpan.TicksPerMillisecond)) },
            ListingPollState.Parse(state.ToJson()));
    }
}
