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
    [InlineData("osv-linter_nointroduced-CVE-2023-41045.json", "no \"introduced\"")]
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
    [InlineData("{\"id\":\"X-1\"}", "missing \"modified\"")]
    [InlineData("{\"id\":\"X-1\",\"modified\":\"yesterday\"}", "not an RFC 3339 time")]
    [InlineData("{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":{}}", "not an array")]
    public void Schema_violations_are_reported(string json, string reason)
    {
        var r = OsvReader.Read(json);
        Assert.False(r.Ok);
        Assert.Contains(reason, r.Error);
    }
}
