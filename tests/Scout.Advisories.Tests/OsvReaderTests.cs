using Scout.Advisories.Osv;
using Scout.Testing;

namespace Scout.Advisories.Tests;

public class OsvReaderTests
{
    private static IEnumerable<string> RealRecords() =>
        Directory.EnumerateDirectories(TestData.Path("osv"))
            .Where(d => !Path.GetFileName(d).StartsWith('_'))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json"));

    /// <summary>Some records in the test data were captured from other projects' fixtures that dropped `modified` or
    /// replaced it with a placeholder ("&lt;RFC3339 date with the year 2026&gt;"): those, and only those, are reported and skipped.</summary>
    [Fact]
    public void Every_real_record_in_the_testdata_tree_reads_unless_its_modified_is_not_a_time()
    {
        var results = RealRecords().Select(f => (File: f, Text: File.ReadAllText(f), Result: OsvReader.Read(File.ReadAllBytes(f)))).ToList();
        Assert.True(results.Count > 5000);
        var failures = results.Where(x => !x.Result.Ok).ToList();
        Assert.All(failures, x => Assert.Matches("missing \"modified\"|\"modified\" is not an RFC 3339 time", x.Result.Error));
        Assert.All(failures, x => Assert.True(x.Text.Contains("\"modified\": \"<") || !x.Text.Contains("\"modified\"")));
        Assert.True(results.Count(x => x.Result.Ok) > 5000);
    }

    [Fact]
    public void Record_fields_are_read_as_published()
    {
        var r = OsvReader.Read(File.ReadAllBytes(TestData.Path("osv", "Debian", "CVE-2016-10046.json")));
        var a = Assert.IsType<OsvAdvisory>(r.Advisory);
        Assert.Equal("CVE-2016-10046", a.Id);
        Assert.Equal(new DateTimeOffset(2024, 9, 18, 1, 0, 20, TimeSpan.Zero), a.Modified);
        Assert.Equal("CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", Assert.Single(a.Severity).Score);
        Assert.Equal(4, a.Affected.Count);
        Assert.Equal(new OsvPackage("Debian:11", "imagemagick", null), a.Affected[0].Package);
        Assert.Equal("not yet assigned", a.Affected[0].Urgency);
        Assert.Equal(["8:6.9.6.2+dfsg-2"], a.Affected[0].Ranges[0].FixedVersions);
        Assert.Null(a.Affected[3].Package);  // the GIT-only entry
        Assert.Equal("GIT", a.Affected[3].Ranges[0].Type);
    }

    [Fact]
    public void Withdrawn_records_carry_their_withdrawal_time()
    {
        var withdrawn = RealRecords().Select(f => OsvReader.Read(File.ReadAllBytes(f)).Advisory).Where(a => a?.Withdrawn != null).ToList();
        Assert.NotEmpty(withdrawn);
        var conformance = OsvReader.Read(File.ReadAllBytes(TestData.Path("osv", "_conformance", "ghsa-api-to-osv", "withdrawn.osv.json")));
        Assert.NotNull(conformance.Advisory?.Withdrawn);
    }

    [Theory]
    [InlineData("pub-dev_example_advisory_bad_json.json", "not valid JSON")]
    [InlineData("pub-dev_example_advisory_invalid_osv.json", "lies in the future")]
    public void Malformed_records_are_rejected_with_a_reason(string file, string reason)
    {
        var r = OsvReader.Read(File.ReadAllBytes(TestData.Path("osv", "_conformance", "invalid", file)), new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        Assert.False(r.Ok);
        Assert.Contains(reason, r.Error);
    }

    [Theory]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"modified\":\"2024-01-01T00:00:00Z\"}", "missing \"id\"")]
    [InlineData("{\"id\":\"X-1\",\"modified\":\"yesterday\"}", "not an RFC 3339 time")]
    [InlineData("{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":{}}", "not an array")]
    public void Schema_violations_are_reported(string json, string reason)
    {
        var r = OsvReader.Read(json);
        Assert.False(r.Ok);
        Assert.Contains(reason, r.Error);
    }

    /// <summary>Issue #11: a malformed affected entry costs only that entry, with a warning naming the advisory and the
    /// JSON path; the rest of the record is used.</summary>
    [Fact]
    public void A_range_without_introduced_drops_only_its_entry_with_a_warning()
    {
        var r = OsvReader.Read(File.ReadAllBytes(TestData.Path("osv", "_conformance", "invalid", "osv-linter_nointroduced-CVE-2023-41045.json")),
            new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
        Assert.True(r.Ok, r.Error);
        var warning = Assert.Single(r.Warnings);
        Assert.Matches(@"^CVE-2023-41045: \$\.affected\[\d+\]\.ranges\[\d+\]: no ""introduced"" event; entry left out$", warning);

        var mixed = """
            {"id":"X-2","modified":"2024-01-01T00:00:00Z","affected":[
              {"package":{"ecosystem":"npm","name":"a"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]},
              7,
              {"package":{"ecosystem":"npm","name":"b"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2.0.0"}]}]}]}
            """;
        var m = OsvReader.Read(mixed);
        Assert.Equal("b", Assert.Single(m.Advisory!.Affected).Package!.Name);
        Assert.Equal(["X-2: $.affected[0].ranges[0]: no \"introduced\" event; entry left out", "X-2: $.affected[1]: not an object; entry left out"], m.Warnings);
    }

    /// <summary>Issue #11: a record without `modified` is kept: `published`, else the listing time, else the import time.</summary>
    [Fact]
    public void A_record_without_modified_is_kept_with_an_assumed_time_and_a_warning()
    {
        var now = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var listed = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var mal = File.ReadAllBytes(TestData.Path("osv", "npm", "MAL-2023-995.json"));
        var fromListing = OsvReader.Read(mal, now, listed);
        Assert.Equal(listed, fromListing.Advisory!.Modified);
        Assert.True(fromListing.ModifiedAssumed);
        Assert.Equal("yandex-yt-yson-bindings", Assert.Single(fromListing.Advisory.Affected).Package!.Name);
        Assert.Contains("MAL-2023-995: no \"modified\": the feed listing time", Assert.Single(fromListing.Warnings));
        Assert.Equal(now, OsvReader.Read(mal, now).Advisory!.Modified);
        var published = OsvReader.Read("""{"id":"X-1","published":"2024-02-03T04:05:06Z"}""", now);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero), published.Advisory!.Modified);
        Assert.Contains("published", Assert.Single(published.Warnings));
    }
}
