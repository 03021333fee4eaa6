using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Testing;

namespace Scout.Hosting.Tests;

/// <summary>Each policy passing and failing on the real platform (SQLite store, real normalizer), evaluated after analysis and after PUT /v1/policy.</summary>
public sealed class PolicyTests : IDisposable
{
    private readonly FakeBaseImages baseImages = new();
    private readonly RealPlatform platform;

    public PolicyTests() => platform = new RealPlatform(new NamedMatcher(), secrets: new TokenEnvScanner(), baseImages: baseImages);

    public void Dispose() => platform.Dispose();

    /// <summary>Advisory stand-in with rules by package name: "fixable-*" have a fixed high finding, "nofix-*" an unfixed critical one.</summary>
    private sealed class NamedMatcher : IAdvisoryMatcher
    {
        public OverlayResult Overlay(OverlayRequest request) => new([.. request.Packages.SelectMany(Findings)], [], []);

        private static IEnumerable<Finding> Findings(PackageRecord p)
        {
            if (p.Name.StartsWith("fixable-", StringComparison.Ordinal))
                yield return new Finding { Id = "GHSA-fix-" + p.Name, Aliases = ["CVE-2099-0001"], Kind = FindingKinds.Vulnerability, Purl = p.Purl, Severity = Severities.High, FixState = FixStates.Fixed, FixedVersions = ["9.9.9"] };
            if (p.Name.StartsWith("nofix-", StringComparison.Ordinal))
                yield return new Finding { Id = "CVE-2099-0002", Kind = FindingKinds.Vulnerability, Purl = p.Purl, Severity = Severities.Critical, FixState = FixStates.NotFixed };
        }
    }

    /// <summary>Secret stand-in: an env variable named *_TOKEN holds a secret.</summary>
    private sealed class TokenEnvScanner : ISecretScanner
    {
        public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image) => (image,
            [.. image.Env.Where(e => e.Name.EndsWith("_TOKEN", StringComparison.Ordinal)).Select(e => new Finding
            {
                Id = "generic-token", Kind = FindingKinds.Secret, Location = "env", Name = e.Name, Rule = "generic-token", Severity = Severities.High,
            })]);
    }

    private sealed class FakeBaseImages : IBaseImageSource
    {
        public Dictionary<string, BaseImageAdvice> Advice { get; } = [];
        public Task<BaseImageRef?> GetBaseImageAsync(string tenantId, string digest, CancellationToken ct = default) =>
            Task.FromResult(Advice.TryGetValue(digest, out var a) ? a.Current : null);
        public Task<BaseImageAdvice?> GetAdviceAsync(string tenantId, string digest, CancellationToken ct = default) =>
            Task.FromResult(Advice.TryGetValue(digest, out var a) ? a : null);
    }

    private static byte[] Bom(params (string Name, string? License)[] components) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        bomFormat = "CycloneDX", specVersion = "1.6",
        components = components.Select(c => new Dictionary<string, object>
        {
            ["type"] = "library", ["name"] = c.Name, ["version"] = "1.0.0", ["purl"] = $"pkg:npm/{c.Name}@1.0.0",
            ["licenses"] = c.License is null ? Array.Empty<object>() : new object[] { new { expression = c.License } },
        }),
    }));

    private async Task<(string Key, string Digest)> ImageAsync(byte[] sbom, string? env = null, string? key = null)
    {
        key ??= (await platform.NewTenantAsync()).Key;
        var digest = RealPlatform.DigestOf(Guid.NewGuid().ToString());
        Assert.Equal("done", (await platform.UploadAsync(key, digest, sbom, env: env)).GetProperty("status").GetString());
        return (key, digest);
    }

    private async Task<(string Status, string[] Reasons)> ResultAsync(string key, string digest, string policy)
    {
        var response = await platform.SendAsync("GET", $"/v1/images/{digest}/policy", key);
        Assert.Equal(200, response.Status);
        var result = RealPlatform.Json(response).GetProperty("results").EnumerateArray().Single(r => r.GetProperty("policy").GetString() == policy);
        return (result.GetProperty("status").GetString()!, [.. result.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)]);
    }

    [Fact]
    public async Task Fixable_vulnerabilities_fail_at_the_threshold_and_pass_below_it()
    {
        var (key, failing) = await ImageAsync(Bom(("fixable-lib", "MIT"), ("nofix-lib", "MIT")));
        var (status, reasons) = await ResultAsync(key, failing, PolicyNames.FixableVulnerabilities);
        Assert.Equal("fail", status);
        Assert.Equal(["GHSA-fix-fixable-lib (high) in pkg:npm/fixable-lib@1.0.0: fixed in 9.9.9"], reasons); // the unfixed critical does not count
        var (_, passing) = await ImageAsync(Bom(("nofix-lib", "MIT")), key: key);
        Assert.Equal("pass", (await ResultAsync(key, passing, PolicyNames.FixableVulnerabilities)).Status);

        // Raising the threshold to critical re-evaluates the tenant's images at once.
        var put = await platform.PutJsonAsync("/v1/policy", key, """{"fixableVulnerabilities":{"minSeverity":"critical"}}""");
        Assert.Equal(200, put.Status);
        Assert.Equal(2, RealPlatform.Json(put).GetProperty("imagesEvaluated").GetInt32());
        Assert.Equal("pass", (await ResultAsync(key, failing, PolicyNames.FixableVulnerabilities)).Status);
    }

    [Fact]
    public async Task Copyleft_licenses_follow_the_expression_and_report_unknown_licenses_apart()
    {
        var (key, passing) = await ImageAsync(Bom(("a", "MIT OR GPL-3.0-only"), ("b", "Apache-2.0")));
        Assert.Equal(("pass", Array.Empty<string>()), await ResultAsync(key, passing, PolicyNames.CopyleftLicenses) is var r1 ? (r1.Status, r1.Reasons) : default);
        var (_, failing) = await ImageAsync(Bom(("a", "MIT AND GPL-3.0-only"), ("c", null)), key: key);
        var (status, reasons) = await ResultAsync(key, failing, PolicyNames.CopyleftLicenses);
        Assert.Equal("fail", status);
        Assert.Contains("pkg:npm/a@1.0.0: 'MIT AND GPL-3.0-only' requires GPL-3.0-only", reasons);
        Assert.Contains("unknown license: pkg:npm/c@1.0.0 declares none", reasons);
        // A tenant list without GPL-3.0-only lets the same image pass.
        await platform.PutJsonAsync("/v1/policy", key, """{"copyleftLicenses":{"licenses":["AGPL-3.0-only"]}}""");
        Assert.Equal("pass", (await ResultAsync(key, failing, PolicyNames.CopyleftLicenses)).Status);
    }

    [Fact]
    public async Task Base_image_is_unknown_without_recommendations_and_follows_refresh_candidates()
    {
        var (key, digest) = await ImageAsync(Bom(("a", "MIT")));
        var (status, reasons) = await ResultAsync(key, digest, PolicyNames.BaseImageUpToDate);
        Assert.Equal("unknown", status);
        Assert.Equal(["no base image recommendation data for this image"], reasons);

        var current = new BaseImageRef("sha256:" + new string('1', 64), "docker.io/library/debian", "12");
        baseImages.Advice[digest] = new BaseImageAdvice(current, []);
        await platform.PutJsonAsync("/v1/policy", key, "{}");
        Assert.Equal("pass", (await ResultAsync(key, digest, PolicyNames.BaseImageUpToDate)).Status);
        baseImages.Advice[digest] = new BaseImageAdvice(current, [current with { Digest = "sha256:" + new string('2', 64) }]);
        await platform.PutJsonAsync("/v1/policy", key, "{}");
        (status, reasons) = await ResultAsync(key, digest, PolicyNames.BaseImageUpToDate);
        Assert.Equal("fail", status);
        Assert.Contains("sha256:" + new string('2', 64), Assert.Single(reasons));
    }

    [Fact]
    public async Task Secrets_fail_the_no_secrets_policy()
    {
        var (key, failing) = await ImageAsync(Bom(("a", "MIT")), env: """[{"name":"GITHUB_TOKEN","value":"x"}]""");
        Assert.Equal(("fail", "generic-token in env GITHUB_TOKEN"), await ResultAsync(key, failing, PolicyNames.NoSecrets) is var r ? (r.Status, Assert.Single(r.Reasons)) : default);
        var (_, passing) = await ImageAsync(Bom(("a", "MIT")), env: """[{"name":"PATH","value":"/bin"}]""", key: key);
        Assert.Equal("pass", (await ResultAsync(key, passing, PolicyNames.NoSecrets)).Status);
    }

    [Fact]
    public async Task A_real_in_toto_attestation_passes_and_a_plain_sbom_fails()
    {
        var attestation = File.ReadAllBytes(TestData.Path("sbom", "images", "attestations", "trivy", "centos-7-cyclonedx.intoto.jsonl"));
        var (key, attested) = await ImageAsync(attestation);
        Assert.Equal("pass", (await ResultAsync(key, attested, PolicyNames.SbomAttestation)).Status);
        var (_, plain) = await ImageAsync(File.ReadAllBytes(TestData.Path("sbom", "images", "trivy", "centos-7-cyclonedx.json")), key: key);
        Assert.Equal("fail", (await ResultAsync(key, plain, PolicyNames.SbomAttestation)).Status);
    }

    [Fact]
    public async Task High_profile_list_is_imported_from_a_kev_catalog_and_matches_aliases()
    {
        var (key, digest) = await ImageAsync(Bom(("fixable-lib", "MIT")));
        Assert.Equal("unknown", (await ResultAsync(key, digest, PolicyNames.HighProfileVulnerabilities)).Status);
        var csv = "cveID,vendorProject,product\\nCVE-2021-44228,Apache,Log4j2\\n";
        Assert.Equal(200, (await platform.PutJsonAsync("/v1/policy", key, "{\"highProfileVulnerabilities\":{\"kev\":\"" + csv + "\"}}")).Status);
        Assert.Equal("pass", (await ResultAsync(key, digest, PolicyNames.HighProfileVulnerabilities)).Status);
        var kev = """{"highProfileVulnerabilities":{"kev":{"catalogVersion":"2099.01.01","vulnerabilities":[{"cveID":"CVE-2099-0001"}]}}}""";
        Assert.Equal(200, (await platform.PutJsonAsync("/v1/policy", key, kev)).Status);
        var (status, reasons) = await ResultAsync(key, digest, PolicyNames.HighProfileVulnerabilities);
        Assert.Equal("fail", status);
        Assert.Equal(["GHSA-fix-fixable-lib (alias CVE-2099-0001) in pkg:npm/fixable-lib@1.0.0 is on the high-profile list"], reasons);
    }

    [Theory]
    [InlineData("""{"fixableVulnerabilities":{"minSeverity":"severe"}}""", "fixableVulnerabilities.minSeverity")]
    [InlineData("""{"noSecrets":{"enabled":"yes"}}""", "noSecrets.enabled")]
    [InlineData("""{"colour":{}}""", "colour")]
    [InlineData("""{"copyleftLicenses":{"ids":[]}}""", "copyleftLicenses.ids")]
    [InlineData("""{"highProfileVulnerabilities":{"kev":"vendor,product\nx,y"}}""", "highProfileVulnerabilities.kev")]
    public async Task Bad_policy_configuration_is_400_naming_the_field(string body, string path)
    {
        var (_, key) = await platform.NewTenantAsync();
        var response = await platform.PutJsonAsync("/v1/policy", key, body);
        Assert.Equal(400, response.Status);
        Assert.StartsWith(path, RealPlatform.Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Disabled_policies_are_not_reported()
    {
        var (key, digest) = await ImageAsync(Bom(("a", "MIT")));
        await platform.PutJsonAsync("/v1/policy", key, """{"sbomAttestation":{"enabled":false}}""");
        var results = RealPlatform.Json(await platform.SendAsync("GET", $"/v1/images/{digest}/policy", key)).GetProperty("results");
        Assert.DoesNotContain(results.EnumerateArray(), r => r.GetProperty("policy").GetString() == PolicyNames.SbomAttestation);
        Assert.Equal(5, results.GetArrayLength());
    }
}
