using System.Text;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

/// <summary>Every caller mistake is a 4xx with {error, detail} naming what is wrong; never a 500.</summary>
public sealed class RequestErrorTests : IDisposable
{
    private readonly TestPlatform platform = new(new UploadLimitsOverride(MaxCompressedBytes: 64 * 1024, MaxDecompressedBytes: 256 * 1024, MaxJsonDepth: 32));

    public void Dispose() => platform.Dispose();

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static readonly string ValidImage = $$"""{"digest":"{{Digest(9)}}"}""";

    public static TheoryData<string, string> InvalidEnvelopes => new()
    {
        { "{", "body: not valid JSON" },
        { "[]", "body: expected a JSON object" },
        { """{"sbom":{}}""", "image: required" },
        { """{"image":{},"sbom":{}}""", "image.digest: required" },
        { """{"image":{"digest":"latest"},"sbom":{}}""", "image.digest: expected sha256:" },
        { $$"""{"image":{{ValidImage}} }""", "sbom: exactly one of" },
        { $$"""{"image":{{ValidImage}},"sbom":{},"sbomBase64":"eA=="}""", "sbom: exactly one of" },
        { $$"""{"image":{{ValidImage}},"sbomBase64":"%%%"}""", "sbomBase64: not valid base64" },
        { $$"""{"image":{{ValidImage}},"sbom":[1]}""", "sbom: expected a JSON object" },
        { $$"""{"image":{{ValidImage}},"sbom":{},"extra":1}""", "extra: unknown field" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","env":[{"name":"A","value":3}]},"sbom":{} }""", "image.env[0].value: expected a string, got a number" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","env":{} },"sbom":{} }""", "image.env: expected an array" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","labels":{"a":1} },"sbom":{} }""", "image.labels (label 1): expected a string value" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","layers":["x"]},"sbom":{} }""", "image.layers[0]: expected a digest" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","exposedPorts":["http"]},"sbom":{} }""", "image.exposedPorts[0]: expected PORT" },
        { $$"""{"image":{"digest":"{{Digest(9)}}","createdAt":"yesterday"},"sbom":{} }""", "image.createdAt: expected an RFC 3339 timestamp" },
        { $$"""{"image":{{ValidImage}},"sbom":{},"environment":{"namespace":"a"} }""", "environment.workloadName: required" },
    };

    [Theory]
    [MemberData(nameof(InvalidEnvelopes))]
    public async Task Invalid_envelope_is_400_naming_the_field(string body, string detailStart)
    {
        var key = await platform.NewKeyAsync();
        var response = await platform.SendAsync("POST", "/v1/images", key, Utf8(body));
        Assert.Equal(400, response.Status);
        var json = Json(response);
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.StartsWith(detailStart, json.GetProperty("detail").GetString());
        Assert.Equal(0, platform.Queue.PendingCount());
    }

    [Fact]
    public async Task Json_nested_past_the_depth_cap_is_400()
    {
        var key = await platform.NewKeyAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);
        var deep = "{\"image\":" + ValidImage + ",\"sbom\":" + nested + "}";
        var response = await platform.SendAsync("POST", "/v1/images", key, Utf8(deep));
        Assert.Equal(400, response.Status);
        Assert.Contains("depth", Json(response).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Body_over_the_cap_is_413()
    {
        var key = await platform.NewKeyAsync();
        var response = await platform.SendAsync("POST", "/v1/images", key, new byte[300 * 1024]);
        Assert.Equal(413, response.Status);
        Assert.Equal("payload_too_large", Json(response).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Gzip_bomb_is_stopped_at_the_decompressed_cap()
    {
        var key = await platform.NewKeyAsync();
        var bomb = Gzip(new byte[20 * 1024 * 1024]); // ~20 KB compressed, 20 MB inflated
        Assert.True(bomb.Length < 64 * 1024);
        var response = await platform.SendAsync("POST", "/v1/images", key, bomb, new Dictionary<string, string> { ["Content-Encoding"] = "gzip" });
        Assert.Equal(413, response.Status);
        Assert.Contains("decompresses past", Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Gzip_body_is_accepted_and_bad_encodings_are_refused()
    {
        var key = await platform.NewKeyAsync();
        var gz = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" };
        Assert.Equal(202, (await platform.SendAsync("POST", "/v1/images", key, Gzip(Envelope(Digest(10))), gz)).Status);
        Assert.Equal(400, (await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(10)), gz)).Status);
        Assert.Equal(415, (await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(10)), new Dictionary<string, string> { ["Content-Encoding"] = "br" })).Status);
        var random = new byte[80 * 1024];
        new Random(1).NextBytes(random);
        Assert.Equal(413, (await platform.SendAsync("POST", "/v1/images", key, random, gz)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("scout_0123456789abcdef_wrong")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task Missing_or_wrong_key_is_401(string? key)
    {
        await platform.NewKeyAsync();
        var response = await platform.SendAsync("GET", "/v1/images", key);
        Assert.Equal(401, response.Status);
        Assert.Equal("unauthorized", Json(response).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_valid_key_with_a_changed_secret_is_401()
    {
        var key = await platform.NewKeyAsync();
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(401, (await platform.SendAsync("GET", "/v1/images", tampered)).Status);
        Assert.Equal(200, (await platform.SendAsync("GET", "/v1/images", key)).Status);
    }

    [Fact]
    public async Task Another_tenants_resources_are_404_not_403()
    {
        var owner = await platform.NewKeyAsync("owner");
        var intruder = await platform.NewKeyAsync("intruder");
        var uploadId = Json(await platform.SendAsync("POST", "/v1/images", owner, Envelope(Digest(11)))).GetProperty("uploadId").GetString();
        await platform.DrainAsync();
        foreach (var path in new[] { $"/v1/images/{Digest(11)}", $"/v1/images/{Digest(11)}/packages", $"/v1/images/{Digest(11)}/findings", $"/v1/uploads/{uploadId}" })
        {
            Assert.Equal(200, (await platform.SendAsync("GET", path, owner)).Status);
            Assert.Equal(404, (await platform.SendAsync("GET", path, intruder)).Status);
        }
        var vex = Utf8("""{"@context":"https://openvex.dev/ns/v0.2.0","statements":[]}""");
        Assert.Equal(404, (await platform.SendAsync("POST", $"/v1/images/{Digest(11)}/vex", intruder, vex)).Status);
        Assert.Empty(Json(await platform.SendAsync("GET", "/v1/images", intruder)).GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_resources_and_methods_are_404_and_405()
    {
        var key = await platform.NewKeyAsync();
        Assert.Equal(404, (await platform.SendAsync("GET", $"/v1/images/{Digest(12)}", key)).Status);
        Assert.Equal(404, (await platform.SendAsync("GET", "/v1/nothing", key)).Status);
        Assert.Equal(404, (await platform.SendAsync("GET", "/elsewhere")).Status);
        Assert.Equal(405, (await platform.SendAsync("DELETE", "/v1/images", key)).Status);
        Assert.Equal(405, (await platform.SendAsync("GET", "/v1/analyze/local", key)).Status);
        Assert.Equal(404, (await platform.SendAsync("GET", "/v1/advisories/CVE-0000-0000", key)).Status);
    }

    [Theory]
    [InlineData("""{"purls":["pkg:npm/a@1"],"image":{"digest":"x"}}""", "image: not accepted")]
    [InlineData("""{"purls":["pkg:npm/a@1"],"env":[]}""", "env: not accepted")]
    [InlineData("""{"layerDigests":[]}""", "purls: required")]
    [InlineData("""{"purls":[]}""", "purls: at least one")]
    [InlineData("""{"purls":[1]}""", "purls[0]: expected a string")]
    [InlineData("""{"purls":["pkg:npm/a@1"],"layerDigests":["nope"]}""", "layerDigests[0]: expected a digest")]
    public async Task Local_analysis_accepts_only_purls_and_layer_digests(string body, string detailStart)
    {
        var key = await platform.NewKeyAsync();
        var response = await platform.SendAsync("POST", "/v1/analyze/local", key, Utf8(body));
        Assert.Equal(400, response.Status);
        Assert.StartsWith(detailStart, Json(response).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Limits_on_listings_are_checked()
    {
        var key = await platform.NewKeyAsync();
        Assert.Equal(400, (await platform.SendAsync("GET", "/v1/images", key, query: new Dictionary<string, string> { ["limit"] = "0" })).Status);
        Assert.Equal(400, (await platform.SendAsync("GET", "/v1/images", key, query: new Dictionary<string, string> { ["limit"] = "x" })).Status);
    }
}
