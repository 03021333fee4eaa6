using System.Text;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Sbom;
using Scout.Storage.Sqlite;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>`scout compare`, `scout images sbom` and `scout images policy --exit-code` on a data folder the platform filled.</summary>
public sealed class ReportCommandsTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-cli-reports-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    private sealed class NoAdvisories : IAdvisoryMatcher
    {
        public OverlayResult Overlay(OverlayRequest request) => new([], [], []);
    }

    private sealed class TokenEnvScanner : ISecretScanner
    {
        public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image) => (image,
            [.. image.Env.Where(e => e.Name.EndsWith("_TOKEN", StringComparison.Ordinal)).Select(e => new Finding
            { Id = "generic-token", Kind = FindingKinds.Secret, Location = "env", Name = e.Name, Rule = "generic-token" })]);
    }

    /// <summary>Uploads the files through the API of a platform on the data folder; returns the tenant id and the digests.</summary>
    private async Task<(string Tenant, string[] Digests)> SeedAsync(params (string File, string? Env)[] images)
    {
        var store = new SqliteScoutStore(data);
        var queue = new SqliteWorkQueue(new SqliteDatabase(data, "queue.db"), SystemClock.Instance);
        var platform = ScoutPlatform.Create(store, queue, new ScoutComponents(new SbomNormalizer(), new NoAdvisories(), new TokenEnvScanner()), new ScoutOptions());
        var (tenant, key) = await platform.Keys.CreateTenantAsync("acme");
        var digests = new List<string>();
        foreach (var (file, env) in images)
        {
            var digest = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(file))).ToLowerInvariant();
            var sbom = File.ReadAllText(TestData.Path("sbom", file));
            var body = sbom.TrimStart().StartsWith('{')
                ? $$"""{"image":{"digest":"{{digest}}"{{(env is null ? "" : ",\"env\":" + env)}}},"sbom":{{sbom}}}"""
                : $$"""{"image":{"digest":"{{digest}}"},"sbomBase64":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(sbom))}}"}""";
            var response = await platform.Api.HandleAsync(new ApiRequest
            {
                Method = "POST", Path = "/v1/images", Body = Encoding.UTF8.GetBytes(body),
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
            });
            Assert.Equal(202, response.Status);
            digests.Add(digest);
        }
        await new SqliteQueueWorker(queue, platform.Delivery).DrainAsync();
        return (tenant.TenantId, [.. digests]);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Compare_prints_json_markdown_and_a_table()
    {
        var (tenant, d) = await SeedAsync(("images/guac/alpine-cyclonedx.json", null), ("images/osv-scanner-sbom-insecure/alpine.cdx.xml", null));
        var (exit, json, stderr) = await RunAsync("compare", d[0], d[1], "--tenant", tenant, "--data", data, "--format", "json");
        Assert.True(exit == 0, stderr);
        var view = JsonDocument.Parse(json).RootElement;
        Assert.Contains(view.GetProperty("packages").GetProperty("upgraded").EnumerateArray(),
            c => c.GetProperty("from").GetString()!.StartsWith("pkg:alpine/musl@1.2.3-r0", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("baseImage").GetProperty("before").ValueKind);

        var (_, markdown, _) = await RunAsync("compare", d[0], d[1], "--tenant", tenant, "--data", data, "--format", "markdown");
        Assert.StartsWith("## Image comparison", markdown);
        var (_, table, _) = await RunAsync("compare", d[0], d[1], "--tenant", tenant, "--data", data);
        Assert.Contains("upgraded", table);

        var (missing, _, error) = await RunAsync("compare", d[0], "sha256:" + new string('0', 64), "--tenant", tenant, "--data", data);
        Assert.Equal(2, missing);
        Assert.Contains("no image sha256:000", error);
    }

    [Fact]
    public async Task Images_sbom_prints_the_export_and_policy_exit_code_says_fail()
    {
        var (tenant, d) = await SeedAsync(("images/guac/alpine-cyclonedx.json", """[{"name":"CI_TOKEN","value":"x"}]"""));
        var (exit, spdx, _) = await RunAsync("images", "sbom", d[0], "--tenant", tenant, "--data", data, "--format", "spdx");
        Assert.Equal(0, exit);
        Assert.Equal("SPDX-2.3", JsonDocument.Parse(spdx).RootElement.GetProperty("spdxVersion").GetString());
        var original = new SbomNormalizer().Normalize(File.ReadAllBytes(TestData.Path("sbom", "images/guac/alpine-cyclonedx.json")));
        Assert.Equal(original.Packages.Select(p => p.Purl), new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(spdx)).Packages.Select(p => p.Purl));

        var (plain, table, _) = await RunAsync("images", "policy", d[0], "--tenant", tenant, "--data", data);
        Assert.Equal(0, plain);
        Assert.Contains("no-secrets", table);
        var (gated, _, _) = await RunAsync("images", "policy", d[0], "--tenant", tenant, "--data", data, "--exit-code");
        Assert.Equal(1, gated);
    }
}
