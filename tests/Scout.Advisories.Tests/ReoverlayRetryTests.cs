using System.Text.Json;
using Scout.Cli;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Advisories.Tests;

/// <summary>
/// Issue #11, one image never blocks the rest, and is not forgotten either: an image whose re-overlay failed is kept in
/// the store's retry list, counted in the refresh summary and in `scout advisories status`, and re-overlaid by every
/// later refresh until it succeeds, which clears the warning on the image.
/// </summary>
[Collection("cli")]
public sealed class ReoverlayRetryTests : IDisposable
{
    private const string Cve = "CVE-2020-28500";   // GHSA-29mw-wpgm-hmr9, lodash < 4.17.21
    private readonly StoreHarness harness = new();
    private readonly FeedFolder feed = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        feed.Dispose();
        harness.Dispose();
    }

    private Task<RefreshSummary> RefreshAsync(FolderHttpServer server) =>
        harness.Services.Refresh!.RefreshAsync(harness.Services.OpenFeed(server.BaseUri.AbsoluteUri, http));

    private async Task<JsonElement> StatusAsync()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(["advisories", "status", "--data", harness.Folder, "--format", "json"], new StringReader(""), o, e);
        Assert.True(exit == 0, e.ToString());
        return JsonDocument.Parse(o.ToString()).RootElement.Clone();
    }

    [Fact]
    public async Task An_image_whose_reoverlay_failed_is_retried_by_later_refreshes_until_it_succeeds()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        await harness.SaveImageAsync("t2", "sha256:b", "pkg:npm/lodash@4.17.20");
        // A document stored before VEX was validated on the way in: it no longer parses.
        await harness.Store.AddVexAsync("t1", "sha256:a", new VexDocumentRecord("vex_old", "openvex", "{\"statements\": [", DateTimeOffset.UnixEpoch));
        feed.Put("npm", FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9")).Publish();
        using var server = new FolderHttpServer(feed.Root);

        var first = await RefreshAsync(server);
        Assert.Equal((1, 1, 1), (first.ImagesReoverlaid, first.ImagesFailed, first.ImagesPendingRetry));
        Assert.DoesNotContain(await harness.Store.GetFindingsAsync("t1", "sha256:a"), f => f.Id == Cve);
        var pending = Assert.Single((await StatusAsync()).GetProperty("pendingReoverlays").EnumerateArray());
        Assert.Equal(("t1", "sha256:a", 1), (pending.GetProperty("tenantId").GetString(), pending.GetProperty("digest").GetString(), pending.GetProperty("attempts").GetInt32()));
        Assert.Contains("VEX", pending.GetProperty("reason").GetString());

        // Nothing new in the feed: the image is still retried, fails again, and the summary says for how long.
        var second = await RefreshAsync(server);
        Assert.Equal((0, 0, 1, 1), (second.AdvisoriesChanged, second.ImagesReoverlaid, second.ImagesFailed, second.ImagesPendingRetry));
        Assert.Contains(second.Errors, e => e.StartsWith("t1/sha256:a: re-overlay still failing after 2 attempts", StringComparison.Ordinal));

        // The document is replaced by one that parses: the next refresh re-overlays the image and clears its warning.
        await harness.Store.AddVexAsync("t1", "sha256:a", new VexDocumentRecord("vex_old", "openvex", "{\"statements\": []}", DateTimeOffset.UnixEpoch));
        var third = await RefreshAsync(server);
        Assert.Equal((1, 0, 0), (third.ImagesReoverlaid, third.ImagesFailed, third.ImagesPendingRetry));
        Assert.Contains(await harness.Store.GetFindingsAsync("t1", "sha256:a"), f => f.Id == Cve);
        Assert.Null(await harness.Store.GetReoverlayIssueAsync("t1", "sha256:a"));
        Assert.Empty((await StatusAsync()).GetProperty("pendingReoverlays").EnumerateArray());

        var fourth = await RefreshAsync(server);   // and it is not re-overlaid again
        Assert.Equal((0, 0), (fourth.ImagesReoverlaid, fourth.ImagesPendingRetry));
    }

    [Fact]
    public async Task A_full_rescan_adds_the_images_it_cannot_rematch_to_the_retry_list_and_takes_off_those_it_can()
    {
        await harness.SaveImageAsync("t3", "sha256:c", "pkg:npm/lodash@4.17.20");
        await harness.Store.AddVexAsync("t3", "sha256:c", new VexDocumentRecord("vex_old", "openvex", "{\"statements\": [", DateTimeOffset.UnixEpoch));
        var failing = await harness.Services.Rescan!.RescanAllAsync();
        Assert.Equal((1, 1), (failing.ImagesFailed, failing.ImagesPendingRetry));
        Assert.Equal("sha256:c", Assert.Single((await StatusAsync()).GetProperty("pendingReoverlays").EnumerateArray()).GetProperty("digest").GetString());

        await harness.Store.AddVexAsync("t3", "sha256:c", new VexDocumentRecord("vex_old", "openvex", "{\"statements\": []}", DateTimeOffset.UnixEpoch));
        var fixedRun = await harness.Services.Rescan!.RescanAllAsync();
        Assert.Equal((0, 0), (fixedRun.ImagesFailed, fixedRun.ImagesPendingRetry));
        Assert.Empty((await StatusAsync()).GetProperty("pendingReoverlays").EnumerateArray());
        Assert.Null(await harness.Store.GetReoverlayIssueAsync("t3", "sha256:c"));
    }
}
