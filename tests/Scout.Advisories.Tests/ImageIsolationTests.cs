using Scout.Core.Model;

namespace Scout.Advisories.Tests;

/// <summary>Issue #11, one image never blocks the rest: a refresh that cannot re-overlay one image records why on that
/// image, re-overlays the others and still advances its cursor.</summary>
public sealed class ImageIsolationTests : IDisposable
{
    private readonly StoreHarness harness = new();
    private readonly FeedFolder feed = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        feed.Dispose();
        harness.Dispose();
    }

    [Fact]
    public async Task A_bad_stored_vex_fails_only_its_image_and_the_refresh_goes_on()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        await harness.SaveImageAsync("t2", "sha256:b", "pkg:npm/lodash@4.17.20");
        // A document stored before VEX was validated on the way in: it no longer parses.
        await harness.Store.AddVexAsync("t1", "sha256:a", new VexDocumentRecord("vex_old", "openvex", "{\"statements\": [", DateTimeOffset.UnixEpoch));
        feed.Put("npm", FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9")).Publish();
        using var server = new FolderHttpServer(feed.Root);

        var summary = await harness.Services.Refresh!.RefreshAsync(harness.Services.OpenFeed(server.BaseUri.AbsoluteUri, http));
        Assert.Equal(1, summary.ImagesFailed);
        Assert.Equal(1, summary.ImagesReoverlaid);
        Assert.Contains(summary.Errors, e => e.StartsWith("t1/sha256:a: re-overlay failed", StringComparison.Ordinal));
        Assert.Contains(await harness.Store.GetFindingsAsync("t2", "sha256:b"), f => f.Id == "CVE-2020-28500");
        Assert.NotNull(await harness.Store.GetCursorAsync(server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm"));
        Assert.Contains("VEX", await harness.Store.GetReoverlayIssueAsync("t1", "sha256:a"));
        Assert.Null(await harness.Store.GetReoverlayIssueAsync("t2", "sha256:b"));

        // A full re-scan reports the same image and still covers the others.
        var rescan = await harness.Services.Rescan!.RescanAllAsync();
        Assert.Equal(1, rescan.ImagesFailed);
        Assert.Single(rescan.Errors);
    }
}
