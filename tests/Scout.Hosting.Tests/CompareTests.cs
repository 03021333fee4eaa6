using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Testing;

namespace Scout.Hosting.Tests;

/// <summary>Compare on two real SBOMs of two Alpine releases (syft's alpine 3.16.2 and osv-scanner's alpine 3.17.2).</summary>
public sealed class CompareTests : IDisposable
{
    private const string BeforeFile = "images/guac/alpine-cyclonedx.json";
    private const string AfterFile = "images/osv-scanner-sbom-insecure/alpine.cdx.xml";
    private readonly RealPlatform platform = new(matcher: new RevisionZeroMatcher());

    public void Dispose() => platform.Dispose();

    /// <summary>A stand-in advisory source with a rule, not a list: every package at an "-r0" revision has one high finding.</summary>
    private sealed class RevisionZeroMatcher : IAdvisoryMatcher
    {
        public OverlayResult Overlay(OverlayRequest request) => new(
            [.. request.Packages.Where(p => p.Version?.EndsWith("-r0", StringComparison.Ordinal) == true).Select(p => new Finding
            {
                Id = "TEST-" + p.Name, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
            })], [], []);
    }

    private async Task<(string Key, string TenantId, string Before, string After)> UploadPairAsync()
    {
        var (tenantId, key) = await platform.NewTenantAsync();
        var before = RealPlatform.DigestOf(BeforeFile);
        var after = RealPlatform.DigestOf(AfterFile);
        Assert.Equal("done", (await platform.UploadAsync(key, before, File.ReadAllBytes(TestData.Path("sbom", BeforeFile)), "docker.io/library/alpine")).GetProperty("status").GetString());
        Assert.Equal("done", (await platform.UploadAsync(key, after, File.ReadAllBytes(TestData.Path("sbom", AfterFile)), "docker.io/library/alpine")).GetProperty("status").GetString());
        return (key, tenantId, before, after);
    }

    [Fact]
    public async Task Two_alpine_releases_compare_by_apk_version_order_and_every_package_is_accounted_for()
    {
        var (key, tenantId, before, after) = await UploadPairAsync();
        var response = await platform.SendAsync("GET", $"/v1/images/{before}/compare/{after}", key);
        Assert.Equal(200, response.Status);
        var view = RealPlatform.Json(response);
        var packages = view.GetProperty("packages");
        string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];
        (string From, string To)[] Pairs(JsonElement e) => [.. e.EnumerateArray().Select(x => (x.GetProperty("from").GetString()!, x.GetProperty("to").GetString()!))];

        // Facts of the two documents: musl 1.2.3-r0 (3.16.2) -> 1.2.3-r4 (3.17.2), across syft's pkg:alpine and osv-scanner's pkg:apk spelling.
        var upgraded = Pairs(packages.GetProperty("upgraded"));
        Assert.Contains(upgraded, c => c.From.StartsWith("pkg:alpine/musl@1.2.3-r0", StringComparison.Ordinal) && c.To.StartsWith("pkg:apk/alpine/musl@1.2.3-r4", StringComparison.Ordinal));
        Assert.Empty(packages.GetProperty("indeterminate").EnumerateArray());

        // Every package of either image is in exactly one bucket (or unchanged): nothing is silently dropped.
        var a = await platform.Store.GetPackagesAsync(tenantId, before);
        var b = await platform.Store.GetPackagesAsync(tenantId, after);
        var fromSide = Strings(packages.GetProperty("removed")).Concat(upgraded.Select(c => c.From)).Concat(Pairs(packages.GetProperty("downgraded")).Select(c => c.From)).ToList();
        var toSide = Strings(packages.GetProperty("added")).Concat(upgraded.Select(c => c.To)).Concat(Pairs(packages.GetProperty("downgraded")).Select(c => c.To)).ToList();
        Assert.Equal(fromSide.Count, fromSide.Distinct().Count());
        Assert.All(fromSide, purl => Assert.Contains(a, p => p.Purl == purl));
        Assert.All(toSide, purl => Assert.Contains(b, p => p.Purl == purl));
        Assert.Equal(a.Count(p => p.Purl != null) - fromSide.Count, b.Count(p => p.Purl != null) - toSide.Count);

        // Findings: the matcher's rule applied to each side's own packages decides fixed / new / unchanged.
        var flaggedBefore = a.Where(p => p.Version?.EndsWith("-r0", StringComparison.Ordinal) == true).Select(p => "TEST-" + p.Name).ToHashSet();
        var flaggedAfter = b.Where(p => p.Version?.EndsWith("-r0", StringComparison.Ordinal) == true).Select(p => "TEST-" + p.Name).ToHashSet();
        var findings = view.GetProperty("findings");
        Assert.Equal(flaggedBefore.Except(flaggedAfter).Order(StringComparer.Ordinal), Strings(findings.GetProperty("fixed")));
        Assert.Equal(flaggedAfter.Except(flaggedBefore).Order(StringComparer.Ordinal), Strings(findings.GetProperty("new")));
        Assert.Equal(flaggedBefore.Intersect(flaggedAfter).Order(StringComparer.Ordinal), Strings(findings.GetProperty("unchanged")));
        Assert.Contains("TEST-musl", Strings(findings.GetProperty("fixed")));
        Assert.Equal(flaggedBefore.Count, view.GetProperty("findingCounts").GetProperty("before").GetProperty("high").GetInt32());
        Assert.Equal(flaggedAfter.Count, view.GetProperty("findingCounts").GetProperty("after").GetProperty("high").GetInt32());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("baseImage").GetProperty("before").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("baseImage").GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task Markdown_is_pull_request_ready()
    {
        var (key, _, before, after) = await UploadPairAsync();
        var response = await platform.SendAsync("GET", $"/v1/images/{before}/compare/{after}", key, query: new Dictionary<string, string> { ["format"] = "markdown" });
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/markdown", response.ContentType);
        var md = Encoding.UTF8.GetString(response.Body.Span);
        Assert.StartsWith("## Image comparison", md);
        Assert.Contains("| high |", md);
        Assert.Contains("`TEST-musl`", md);
        Assert.Contains("| `pkg:alpine/musl` | 1.2.3-r0 | 1.2.3-r4 |", md);
        // Every table row has the same number of cells as its header (a broken pipe would break the PR rendering).
        foreach (var table in md.Split("\n\n").Where(block => block.StartsWith('|')))
        {
            var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var cells = rows[0].Replace("\\|", "").Count(c => c == '|');
            Assert.All(rows, r => Assert.Equal(cells, r.Replace("\\|", "").Count(c => c == '|')));
        }
    }

    [Fact]
    public async Task Another_tenants_image_is_not_found_and_bad_format_is_400()
    {
        var (_, _, before, after) = await UploadPairAsync();
        var (_, otherKey) = await platform.NewTenantAsync("other");
        var response = await platform.SendAsync("GET", $"/v1/images/{before}/compare/{after}", otherKey);
        Assert.Equal(404, response.Status);
        var (_, key) = (0, (await platform.NewTenantAsync("third")).Key);
        Assert.Equal(404, (await platform.SendAsync("GET", $"/v1/images/{before}/compare/{after}", key)).Status);
        Assert.Equal(400, (await platform.SendAsync("GET", $"/v1/images/{before}/sbom", otherKey, query: new Dictionary<string, string> { ["format"] = "xml" })).Status);
    }
}
