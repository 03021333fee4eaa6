using System.Text.Json.Nodes;
using Scout.Advisories.Feeds;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Advisories.Tests;

/// <summary>Incremental refresh over a real SQLite store and a real HTTP feed: add, change and withdraw an advisory
/// and check the finding diff, the images touched and the cursor. The same tests run over the index hosts use, read from
/// the store per package (<see cref="OnDemandRefreshTests"/>).</summary>
public class RefreshTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash >=4.0.0 <4.17.21
    private readonly StoreHarness harness;

    public RefreshTests() : this(onDemand: false) { }

    protected RefreshTests(bool onDemand) => harness = new StoreHarness(onDemand);
    private readonly FeedFolder feed = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        feed.Dispose();
        harness.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<RefreshSummary> RefreshAsync(FolderHttpServer server) =>
        await harness.Services.Refresh!.RefreshAsync(harness.Services.OpenFeed(server.BaseUri.AbsoluteUri, http));

    private async Task<List<Finding>> FindingsAsync(string tenant, string digest) => [.. await harness.Store.GetFindingsAsync(tenant, digest)];

    [Fact]
    public async Task Add_change_and_withdraw_flow_through_as_a_diff_on_the_affected_images_only()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20", "pkg:npm/express@4.18.2");
        await harness.SaveImageAsync("t1", "sha256:b", "pkg:npm/left-pad@1.3.0");
        await harness.SaveImageAsync("t2", "sha256:c", "pkg:npm/lodash@4.17.15");
        await harness.SaveImageAsync("t2", "sha256:d", "pkg:npm/lodash@4.17.21");
        var record = FeedFolder.Real("npm", Lodash);
        feed.Put("npm", record).Put("npm", FeedFolder.Real("npm", "GHSA-2mhh-w6q8-5hxw")).Publish();
        using var server = new FolderHttpServer(feed.Root);

        var added = await RefreshAsync(server);
        Assert.Equal((2, 3, 2, 0, 0), (added.AdvisoriesChanged, added.ImagesReoverlaid, added.FindingsAdded, added.FindingsChanged, added.FindingsResolved));
        var a = await FindingsAsync("t1", "sha256:a");
        var cve = a.Single(f => f.Id == "CVE-2020-28500");
        Assert.Equal("pkg:npm/lodash@4.17.20", cve.Purl);
        Assert.Contains(a, f => f.Kind == FindingKinds.Secret);                // secrets are not the overlay's to resolve
        Assert.DoesNotContain(await FindingsAsync("t2", "sha256:d"), f => f.Id == "CVE-2020-28500");
        var cursor = await harness.Store.GetCursorAsync(server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm");
        Assert.Equal(DateTimeOffset.Parse((string)record["modified"]!), FeedCursor.Parse(cursor));

        var nothing = await RefreshAsync(server);
        Assert.Equal((0, 0, 0, 0, 0), (nothing.AdvisoriesChanged, nothing.ImagesReoverlaid, nothing.FindingsAdded, nothing.FindingsChanged, nothing.FindingsResolved));

        // The database downgrades the advisory: severity from its own word instead of the CVSS vector.
        record["modified"] = "2026-03-01T00:00:00Z";
        record.Remove("severity");
        record["database_specific"]!["severity"] = "LOW";
        feed.Put("npm", record).Publish(zip: false);
        var changed = await RefreshAsync(server);
        Assert.Equal((1, 3, 0, 2, 0), (changed.AdvisoriesChanged, changed.ImagesReoverlaid, changed.FindingsAdded, changed.FindingsChanged, changed.FindingsResolved));
        Assert.Equal(Severities.Low, (await FindingsAsync("t2", "sha256:c")).Single(f => f.Id == "CVE-2020-28500").Severity);

        record["modified"] = "2026-03-02T00:00:00Z";
        record["withdrawn"] = "2026-03-02T00:00:00Z";
        feed.Put("npm", record).Publish(zip: false);
        var withdrawn = await RefreshAsync(server);
        Assert.Equal((1, 3, 0, 0, 2), (withdrawn.AdvisoriesChanged, withdrawn.ImagesReoverlaid, withdrawn.FindingsAdded, withdrawn.FindingsChanged, withdrawn.FindingsResolved));
        Assert.Equal([FindingKinds.Secret], (await FindingsAsync("t1", "sha256:a")).Select(f => f.Kind));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
            FeedCursor.Parse(await harness.Store.GetCursorAsync(server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm")));
    }

    [Fact]
    public async Task A_new_version_that_drops_a_package_resolves_its_finding_on_the_images_holding_that_package()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        var record = FeedFolder.Real("npm", Lodash);
        feed.Put("npm", record).Publish();
        using var server = new FolderHttpServer(feed.Root);
        Assert.Equal(1, (await RefreshAsync(server)).FindingsAdded);

        // The database moves the advisory to another package: lodash's images are no longer affected by it.
        record["modified"] = "2026-03-01T00:00:00Z";
        record["affected"]![0]!["package"]!["name"] = "lodash-es";
        record["affected"]![0]!["package"]!.AsObject().Remove("purl");
        feed.Put("npm", record).Publish(zip: false);
        var moved = await RefreshAsync(server);
        Assert.Equal((1, 1), (moved.ImagesReoverlaid, moved.FindingsResolved));
        Assert.DoesNotContain(await FindingsAsync("t1", "sha256:a"), f => f.Id == "CVE-2020-28500");
    }

    [Fact]
    public async Task The_cursor_does_not_advance_when_the_re_overlay_fails_and_the_next_run_catches_up()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        feed.Put("npm", FeedFolder.Real("npm", Lodash)).Publish();
        using var server = new FolderHttpServer(feed.Root);
        var cursorKey = server.BaseUri.AbsoluteUri.TrimEnd('/') + "|npm";

        harness.Faults.FailApply = true;
        await Assert.ThrowsAsync<IOException>(() => RefreshAsync(server));
        Assert.Null(await harness.Store.GetCursorAsync(cursorKey));
        Assert.DoesNotContain(await FindingsAsync("t1", "sha256:a"), f => f.Id == "CVE-2020-28500");

        harness.Faults.FailApply = false;
        var retry = await RefreshAsync(server);
        Assert.Equal((1, 1), (retry.AdvisoriesChanged, retry.FindingsAdded));
        Assert.NotNull(await harness.Store.GetCursorAsync(cursorKey));
        Assert.Contains(await FindingsAsync("t1", "sha256:a"), f => f.Id == "CVE-2020-28500");
    }

    [Fact]
    public async Task Import_from_a_directory_then_rescan_all_finds_nothing_left_to_change()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20", "pkg:cargo/time@0.2.22");
        var dir = Path.Combine(feed.Root, "osv");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Lodash + ".json"), FeedFolder.Real("npm", Lodash).ToJsonString());
        File.WriteAllText(Path.Combine(dir, "RUSTSEC-2020-0071.json"), FeedFolder.Real("crates.io", "RUSTSEC-2020-0071").ToJsonString());
        var import = await harness.Services.Refresh!.RefreshAsync(harness.Services.OpenFeed(dir));
        Assert.Equal((2, 1, 2), (import.AdvisoriesChanged, import.ImagesReoverlaid, import.FindingsAdded));

        var rescan = await harness.Services.Rescan!.RescanAllAsync();
        Assert.Equal((1, 0, 0, 0), (rescan.ImagesReoverlaid, rescan.FindingsAdded, rescan.FindingsChanged, rescan.FindingsResolved));

        // A restarted process loads the index from the store and agrees with what is stored.
        var restarted = AdvisoryServices.Create(Matching.DefaultAdapters.Keys, Matching.DefaultAdapters.Evaluator, harness.Store);
        await restarted.LoadFromStoreAsync(harness.Store);
        Assert.Equal(2, restarted.Index.Count);
        var again = await restarted.Rescan!.RescanAllAsync();
        Assert.Equal((0, 0, 0), (again.FindingsAdded, again.FindingsChanged, again.FindingsResolved));
    }

    [Fact]
    public async Task Vex_attached_to_an_image_applies_when_a_refresh_adds_the_finding()
    {
        await harness.SaveImageAsync("t1", "sha256:a", "pkg:npm/lodash@4.17.20");
        await harness.Store.AddVexAsync("t1", "sha256:a", new VexDocumentRecord("vex-1", "openvex", """
            {"@context":"https://openvex.dev/ns/v0.2.0","@id":"vex-1","author":"a","timestamp":"2026-01-01T00:00:00Z","version":1,
             "statements":[{"vulnerability":{"name":"GHSA-29mw-wpgm-hmr9"},"products":[{"@id":"pkg:npm/lodash"}],
                            "status":"not_affected","justification":"vulnerable_code_not_present"}]}
            """, DateTimeOffset.UnixEpoch));
        feed.Put("npm", FeedFolder.Real("npm", Lodash)).Publish();
        using var server = new FolderHttpServer(feed.Root);
        var summary = await RefreshAsync(server);
        Assert.Equal(1, summary.FindingsAdded);
        var f = (await FindingsAsync("t1", "sha256:a")).Single(x => x.Id == "CVE-2020-28500");
        Assert.True(f.Suppressed);
        Assert.Equal(new VexAssessment("not_affected", "vulnerable_code_not_present"), f.Vex);
    }
}

public sealed class OnDemandRefreshTests() : RefreshTests(onDemand: true);
