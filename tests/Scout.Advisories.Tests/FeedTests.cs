using System.Text.Json.Nodes;
using Scout.Advisories.Feeds;
using Scout.Testing;

namespace Scout.Advisories.Tests;

public class FeedTests
{
    private static readonly AdvisoryRecordParser parser = new(new VerbatimKeys());

    [Fact]
    public async Task Directory_import_reads_the_whole_tree_reports_bad_records_and_resumes_from_its_cursor()
    {
        var feed = new DirectoryFeed(TestData.Path("osv"), parser);
        var first = await feed.ReadChangesAsync(DirectoryFeed.Scope, null);
        Assert.True(first.Advisories.Count > 5000);
        Assert.NotEmpty(first.Errors);
        Assert.All(first.Errors, e => Assert.Contains(".json: ", e));
        Assert.Equal(first.Advisories.Max(a => a.Modified), FeedCursor.Parse(first.Cursor));
        var again = await feed.ReadChangesAsync(DirectoryFeed.Scope, first.Cursor);
        Assert.Empty(again.Advisories);
        Assert.Equal(first.Cursor, again.Cursor);
    }

    [Fact]
    public async Task A_malformed_record_is_reported_and_skipped_without_stopping_the_import()
    {
        using var folder = new FeedFolder();
        var dir = Directory.CreateDirectory(Path.Combine(folder.Root, "osv", "Pub")).FullName;
        File.Copy(TestData.Path("osv", "_conformance", "invalid", "pub-dev_example_advisory_bad_json.json"), Path.Combine(dir, "bad.json"));
        File.Copy(TestData.Path("osv", "npm", "GHSA-29mw-wpgm-hmr9.json"), Path.Combine(dir, "GHSA-29mw-wpgm-hmr9.json"));
        var changes = await new DirectoryFeed(folder.Root, parser).ReadChangesAsync(DirectoryFeed.Scope, null);
        Assert.Equal("GHSA-29mw-wpgm-hmr9", Assert.Single(changes.Advisories).Id);
        Assert.Contains("bad.json: not valid JSON", Assert.Single(changes.Errors));
    }

    [Fact]
    public async Task Stored_advisories_carry_raw_json_keys_and_source()
    {
        var changes = await new DirectoryFeed(TestData.Path("osv", "Debian"), parser).ReadChangesAsync(DirectoryFeed.Scope, null);
        var a = changes.Advisories.Single(x => x.Id == "CVE-2016-10046");
        Assert.Equal(File.ReadAllText(TestData.Path("osv", "Debian", "CVE-2016-10046.json")), a.Json);
        Assert.Equal(["Debian:11", "Debian:12", "Debian:13"], a.Keys.Select(k => k.Ecosystem));
        Assert.All(a.Keys, k => Assert.Equal("imagemagick", k.Name));
        Assert.Equal("debian", a.Source);
    }

    [Fact]
    public async Task Zip_in_the_all_zip_layout_is_read()
    {
        using var folder = new FeedFolder();
        foreach (var id in new[] { "GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm", "GHSA-4xc9-xhrj-v574" }) folder.Put("npm", FeedFolder.Real("npm", id));
        folder.Publish();
        var changes = await new ZipFeed(Path.Combine(folder.Root, "npm", "all.zip"), parser).ReadChangesAsync(DirectoryFeed.Scope, null);
        Assert.Equal(3, changes.Advisories.Count);
        Assert.Empty(changes.Errors);
    }

    [Fact]
    public async Task Http_feed_takes_all_zip_first_then_only_the_records_modified_since_the_cursor()
    {
        using var folder = new FeedFolder();
        var ids = new[] { "GHSA-29mw-wpgm-hmr9", "GHSA-35jh-r3h4-6jhm", "GHSA-4xc9-xhrj-v574" };
        foreach (var id in ids) folder.Put("npm", FeedFolder.Real("npm", id));
        folder.Put("PyPI", FeedFolder.Real("PyPI", Path.GetFileNameWithoutExtension(Directory.EnumerateFiles(TestData.Path("osv", "PyPI"), "GHSA-*.json").Order().First())));
        folder.Publish();
        using var server = new FolderHttpServer(folder.Root);
        using var http = new HttpClient();
        var feed = new HttpFeed(server.BaseUri, http, parser);

        Assert.Equal(["PyPI", "npm"], (await feed.ListEcosystemsAsync()).Order(StringComparer.Ordinal));
        var first = await feed.ReadChangesAsync("npm", null);
        Assert.Equal(3, first.Advisories.Count);
        Assert.Contains("npm/all.zip", server.Requests);
        Assert.DoesNotContain(server.Requests, r => r.EndsWith(".json"));

        var changed = FeedFolder.Real("npm", ids[1]);
        changed["modified"] = "2026-01-02T03:04:05Z";
        folder.Put("npm", changed).Publish(zip: false);
        server.Requests.Clear();
        var second = await feed.ReadChangesAsync("npm", first.Cursor);
        Assert.Equal(ids[1], Assert.Single(second.Advisories).Id);
        Assert.Equal(["npm/modified_id.csv", $"npm/{ids[1]}.json"], server.Requests);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), FeedCursor.Parse(second.Cursor));

        server.Requests.Clear();
        var third = await feed.ReadChangesAsync("npm", second.Cursor);
        Assert.Empty(third.Advisories);
        Assert.Equal(["npm/modified_id.csv"], server.Requests);
    }

    [Fact]
    public async Task Http_feed_reports_a_listed_record_that_is_missing()
    {
        using var folder = new FeedFolder();
        folder.Put("npm", FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9")).Publish();
        using var server = new FolderHttpServer(folder.Root);
        using var http = new HttpClient();
        var feed = new HttpFeed(server.BaseUri, http, parser);
        var first = await feed.ReadChangesAsync("npm", null);
        var ghost = new JsonObject { ["id"] = "GHSA-0000-0000-0000", ["modified"] = "2026-02-01T00:00:00Z" };
        folder.Put("npm", ghost).Publish(zip: false);
        File.Delete(Path.Combine(folder.Root, "npm", "GHSA-0000-0000-0000.json"));
        var second = await feed.ReadChangesAsync("npm", first.Cursor);
        Assert.Empty(second.Advisories);
        Assert.Contains("not found", Assert.Single(second.Errors));
    }
}
