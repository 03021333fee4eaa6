using System.Text.Json;
using Scout.Cli;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>`scout analyze` and `scout advisories import|refresh`, run in-process with captured streams.</summary>
[Collection("cli")]   // CliConsole.Current is process-wide for commands that read it outside the async flow
public sealed class CliTests : IDisposable
{
    private static readonly string AlpineSbom = TestData.Path("sbom", "images", "osv-scanner-sbom-insecure", "alpine.cdx.xml");
    private readonly string temp = Directory.CreateTempSubdirectory("scout-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(temp, true); } catch (IOException) { }
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(args, new StringReader(""), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Analyze_json_prints_packages_findings_warnings_and_persists_nothing()
    {
        var data = Path.Combine(temp, "data");
        Environment.SetEnvironmentVariable("SCOUT_DATA", data);
        try
        {
            var (exit, output, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv"), "--format", "json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(output);
            Assert.Equal(["packages", "findings", "warnings"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(15, doc.RootElement.GetProperty("packages").GetArrayLength());
            var musl = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "CVE-2025-26519").ToList();
            Assert.Equal(2, musl.Count);
            Assert.Equal("vulnerability", musl[0].GetProperty("kind").GetString());
            Assert.False(Directory.Exists(data));
        }
        finally { Environment.SetEnvironmentVariable("SCOUT_DATA", null); }
    }

    [Fact]
    public async Task Fail_on_exits_1_only_when_a_vulnerability_reaches_the_threshold()
    {
        var (_, json, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv"), "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var worst = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("kind").GetString() == "vulnerability")
            .Max(f => Core.Model.Severities.Rank(f.GetProperty("severity").GetString()!));
        foreach (var threshold in new[] { "critical", "high", "medium", "low" })
        {
            var (exit, _, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv"), "--fail-on", threshold);
            Assert.Equal(worst >= Core.Model.Severities.Rank(threshold) ? 1 : 0, exit);
        }
    }

    [Fact]
    public async Task Sarif_is_2_1_0_with_one_result_per_finding()
    {
        var (_, json, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv"), "--format", "json");
        var (exit, sarif, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv"), "--format", "sarif");
        Assert.Equal(0, exit);
        using var findings = JsonDocument.Parse(json);
        using var doc = JsonDocument.Parse(sarif);
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("scout", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.Equal(findings.RootElement.GetProperty("findings").GetArrayLength(), run.GetProperty("results").GetArrayLength());
        Assert.All(run.GetProperty("results").EnumerateArray(), r => Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note" }));
    }

    [Fact]
    public async Task Dry_run_prints_only_purls_and_layer_digests()
    {
        var (exit, output, _) = await Run("analyze", AlpineSbom, "--remote", "http://127.0.0.1:9", "--dry-run");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["purls", "layerDigests"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var purls = doc.RootElement.GetProperty("purls").EnumerateArray().Select(p => p.GetString()!).ToList();
        var (_, json, _) = await Run("analyze", AlpineSbom, "--advisories", TestData.Path("osv", "Alpine"), "--format", "json");
        using var analyzed = JsonDocument.Parse(json);
        var packagePurls = analyzed.RootElement.GetProperty("packages").EnumerateArray()
            .Select(p => p.TryGetProperty("purl", out var v) ? v.GetString() : null).OfType<string>().ToHashSet();
        Assert.Equal(packagePurls.Order(), purls.Order());
        // The layers the SBOM names for its packages (syft layerID), each once.
        var packageLayers = analyzed.RootElement.GetProperty("packages").EnumerateArray()
            .Select(p => p.GetProperty("layer").GetString()).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(packageLayers);
        Assert.Equal(packageLayers, doc.RootElement.GetProperty("layerDigests").EnumerateArray().Select(l => l.GetString()!));
    }

    [Theory]
    [InlineData("analyze", "/no/such/sbom.json", "--advisories", "/tmp")]
    [InlineData("analyze", "SBOM", "--advisories", "/no/such/dir")]
    [InlineData("analyze", "SBOM")]
    [InlineData("analyze", "SBOM", "--dry-run")]
    [InlineData("advisories", "refresh", "--feed", "not-a-url")]
    [InlineData("advisories", "import", "/no/such/dir")]
    public async Task Usage_and_input_errors_exit_2_with_one_line(params string[] args)
    {
        var (exit, _, err) = await Run(args.Select(a => a == "SBOM" ? AlpineSbom : a).ToArray());
        Assert.Equal(2, exit);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Advisories_import_prints_the_summary_and_a_second_import_changes_nothing()
    {
        var data = Path.Combine(temp, "store");
        var (exit, output, _) = await Run("advisories", "import", TestData.Path("osv", "npm"), "--data", data, "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["advisoriesChanged", "imagesReoverlaid", "findingsAdded", "findingsChanged", "findingsResolved", "elapsedMs", "feedMs", "reoverlayMs", "recordsFailed", "imagesFailed", "imagesPendingRetry"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        // Records without `modified` are kept (issue #11); only a placeholder that is not a time is skipped.
        Assert.Equal(Directory.EnumerateFiles(TestData.Path("osv", "npm"), "*.json").Count(f => !File.ReadAllText(f).Contains("\"modified\": \"<")),
            doc.RootElement.GetProperty("advisoriesChanged").GetInt32());
        var (_, again, _) = await Run("advisories", "import", TestData.Path("osv", "npm"), "--data", data, "--format", "json");
        using var second = JsonDocument.Parse(again);
        Assert.Equal(0, second.RootElement.GetProperty("advisoriesChanged").GetInt32());
    }

    [Fact]
    public async Task Advisories_refresh_reads_an_http_feed()
    {
        using var feed = new FeedFolder();
        feed.Put("npm", FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9")).Publish();
        using var server = new FolderHttpServer(feed.Root);
        var (exit, output, err) = await Run("advisories", "refresh", "--feed", server.BaseUri.AbsoluteUri, "--data", Path.Combine(temp, "s"), "--format", "json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("advisoriesChanged").GetInt32());
    }
}
