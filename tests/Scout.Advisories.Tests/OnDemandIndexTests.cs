using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Advisories.Feeds;
using Scout.Advisories.Index;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>
/// The index hosts use over a store: a package key's advisories are read from the (real SQLite) store when an analysis
/// needs them and cached within a byte budget. It must find what the index holding every advisory finds, and forget what
/// a change replaces.
/// </summary>
public sealed class OnDemandIndexTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash >=4.0.0 <4.17.21
    private readonly StoreHarness harness = new(onDemand: true);

    public void Dispose() => harness.Dispose();

    private OnDemandAdvisoryIndex Index => (OnDemandAdvisoryIndex)harness.Services.Index;

    private static StoredAdvisory Parse(JsonObject record) =>
        AdvisoryServices.CreateDetached().Parser.Parse(JsonSerializer.SerializeToUtf8Bytes(record), "test").Advisory!;

    private static OverlayRequest Request(params string[] purls) => new(purls.Select(PackageFromPurl.Create).ToList(), null);

    /// <summary>Some records name a malformed purl (`pkg:pypi:name`): those are the feed's mistakes, not packages.</summary>
    private static bool Parses(string purl)
    {
        try { PackageFromPurl.Create(purl); return true; }
        catch (InputException) { return false; }
    }

    private static IEnumerable<string> Ids(OverlayResult result) => result.Findings.Select(f => $"{f.Id} {f.Purl}").Order();

    [Fact]
    public async Task Every_real_advisory_read_per_package_gives_the_findings_of_the_index_holding_them_all()
    {
        var everything = AdvisoryServices.CreateDetached();
        var records = await new DirectoryFeed(TestData.Path("osv"), everything.Parser).ReadChangesAsync(DirectoryFeed.Scope, null);
        foreach (var chunk in records.Advisories.Chunk(500)) await harness.Store.UpsertAdvisoriesAsync(chunk);
        everything.Matcher.Apply(records.Advisories);
        // A package per affected entry that names a purl, at a version the record lists as affected.
        var purls = records.Advisories
            .SelectMany(a => JsonNode.Parse(a.Json)!["affected"]?.AsArray() ?? [])
            .Select(x => (Purl: (string?)x?["package"]?["purl"], Version: (string?)x?["versions"]?.AsArray().FirstOrDefault()))
            .Where(p => p.Purl != null && p.Version != null && !p.Purl.Contains('@') && !p.Purl.Contains('?'))
            .Select(p => $"{p.Purl}@{Uri.EscapeDataString(p.Version!)}").Where(Parses).Distinct().Take(1500).ToArray();
        Assert.True(purls.Length > 500, $"only {purls.Length} packages built from the OSV test data");

        var request = Request(purls);
        var held = everything.Matcher.Overlay(request);
        var read = await harness.Services.Matcher.OverlayAsync(request);

        Assert.True(held.Findings.Count > 500, $"only {held.Findings.Count} findings");
        Assert.Equal(Ids(held), Ids(read));
        Assert.Equal(held.Findings.Select(f => f with { Snapshot = null }).OrderBy(f => f.Id).ThenBy(f => f.Purl).Select(f => JsonSerializer.Serialize(f)),
            read.Findings.Select(f => f with { Snapshot = null }).OrderBy(f => f.Id).ThenBy(f => f.Purl).Select(f => JsonSerializer.Serialize(f)));
        Assert.Equal(held.Warnings.Select(w => w.Message), read.Warnings.Select(w => w.Message));
    }

    [Fact]
    public async Task A_second_analysis_of_the_same_packages_reads_nothing_from_the_store()
    {
        await harness.Store.UpsertAdvisoriesAsync([Parse(FeedFolder.Real("npm", Lodash))]);
        var request = Request("pkg:npm/lodash@4.17.20", "pkg:npm/left-pad@1.3.0");

        var first = await harness.Services.Matcher.OverlayAsync(request);
        var second = await harness.Services.Matcher.OverlayAsync(request);

        Assert.Equal(["CVE-2020-28500 pkg:npm/lodash@4.17.20"], Ids(first));
        Assert.Equal(Ids(first), Ids(second));
        Assert.Equal((4L, 2L, 1L), Index.Reads);      // two keys asked twice; the package without advisories is cached too
        Assert.Equal(2, Index.CachedKeys);
    }

    [Fact]
    public async Task The_cache_stays_within_its_budget_and_evicted_keys_are_read_again_correctly()
    {
        var everything = AdvisoryServices.CreateDetached();
        var records = await new DirectoryFeed(TestData.Path("osv", "npm"), everything.Parser).ReadChangesAsync(DirectoryFeed.Scope, null);
        await harness.Store.UpsertAdvisoriesAsync(records.Advisories);
        const long budget = 64 * 1024;
        var small = AdvisoryServices.Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, harness.Store,
            new OnDemandAdvisoryIndex(harness.Store, DefaultAdapters.Keys, budget));
        var index = (OnDemandAdvisoryIndex)small.Index;
        var names = records.Advisories.SelectMany(a => a.Keys).Where(k => k.Ecosystem == "npm").Select(k => k.Name).Distinct().ToList();
        Assert.True(names.Count > 50, $"only {names.Count} npm packages in the test data");

        var firstPass = new List<string>();
        foreach (var name in names)
        {
            firstPass.AddRange(Ids(await small.Matcher.OverlayAsync(Request($"pkg:npm/{Uri.EscapeDataString(name).Replace("%2F", "/")}@0.0.1"))));
            Assert.True(index.CachedBytes <= budget, $"{index.CachedBytes} bytes cached over a budget of {budget}");
        }
        var secondPass = new List<string>();
        foreach (var name in names)
            secondPass.AddRange(Ids(await small.Matcher.OverlayAsync(Request($"pkg:npm/{Uri.EscapeDataString(name).Replace("%2F", "/")}@0.0.1"))));

        Assert.NotEmpty(firstPass);
        Assert.Equal(firstPass, secondPass);
        Assert.True(index.Reads.StoreCalls > names.Count, "evicted keys were not read again"); // the budget holds only a few keys
    }

    [Fact]
    public async Task A_package_cached_without_advisories_is_read_again_once_one_is_published_for_it()
    {
        var request = Request("pkg:npm/lodash@4.17.20");
        Assert.Empty((await harness.Services.Matcher.OverlayAsync(request)).Findings);

        var published = Parse(FeedFolder.Real("npm", Lodash));
        await harness.Store.UpsertAdvisoriesAsync([published]);
        harness.Services.Matcher.Apply([published]);

        Assert.Equal(["CVE-2020-28500 pkg:npm/lodash@4.17.20"], Ids(await harness.Services.Matcher.OverlayAsync(request)));
    }

    [Fact]
    public async Task A_new_version_moved_to_another_package_is_no_longer_found_under_the_cached_old_one()
    {
        var record = FeedFolder.Real("npm", Lodash);
        await harness.Store.UpsertAdvisoriesAsync([Parse(record)]);
        var request = Request("pkg:npm/lodash@4.17.20");
        Assert.Single((await harness.Services.Matcher.OverlayAsync(request)).Findings);

        record["modified"] = "2026-03-01T00:00:00Z";
        record["affected"]![0]!["package"]!["name"] = "lodash-es";
        record["affected"]![0]!["package"]!.AsObject().Remove("purl");
        var moved = Parse(record);
        var replaced = await harness.Store.UpsertAdvisoriesAsync([moved]);
        harness.Services.Matcher.Apply([moved]);

        Assert.Contains(new PackageKey("npm", "lodash"), replaced);
        Assert.Empty((await harness.Services.Matcher.OverlayAsync(request)).Findings);
    }

    [Fact]
    public void A_synchronous_overlay_over_an_index_read_per_package_is_refused_rather_than_answered_empty() =>
        Assert.Throws<InvalidOperationException>(() => harness.Services.Matcher.Overlay(Request("pkg:npm/lodash@4.17.20")));
}
