using System.Text;
using System.Text.Json;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

public sealed class PublicEndpointTests : IDisposable
{
    private readonly TestPlatform platform = new();

    public void Dispose() => platform.Dispose();

    [Fact]
    public async Task Healthz_needs_no_key()
    {
        var response = await platform.SendAsync("GET", "/healthz");
        Assert.Equal(200, response.Status);
        Assert.Equal("ok", Json(response).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_route_the_router_serves()
    {
        var response = await platform.SendAsync("GET", "/openapi.json");
        Assert.Equal(200, response.Status);
        var paths = Json(response).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        // Every documented path answers something other than "no resource" (404 with that wording) when called.
        var key = await platform.NewKeyAsync();
        foreach (var path in paths)
        {
            var concrete = path.Replace("{digest}", Digest(1)).Replace("{id}", "x");
            var methods = Json(response).GetProperty("paths").GetProperty(path).EnumerateObject().Select(m => m.Name.ToUpperInvariant());
            foreach (var method in methods)
            {
                var answer = await platform.SendAsync(method, concrete, key, Encoding.UTF8.GetBytes("{}"));
                var detail = answer.Status == 404 ? Json(answer).GetProperty("detail").GetString() : "";
                Assert.False(detail!.StartsWith("no resource at"), $"{method} {path} is documented but not routed");
                Assert.NotEqual(405, answer.Status);
            }
        }
        Assert.Contains("/v1/images/{digest}/findings", paths);
    }

    [Fact]
    public async Task Environments_link_to_images_by_digest()
    {
        var key = await platform.NewKeyAsync();
        await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(20)));
        await platform.DrainAsync();
        var body = Encoding.UTF8.GetBytes($$"""{"namespace":"payments","workloadName":"api","workloadType":"StatefulSet","imageDigest":"{{Digest(20)}}"}""");
        var created = await platform.SendAsync("POST", "/v1/environments", key, body);
        Assert.Equal(201, created.Status);
        Assert.True(Json(created).GetProperty("imageKnown").GetBoolean());
        var image = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(20)}", key));
        var env = image.GetProperty("environments").EnumerateArray().Single();
        Assert.Equal("payments", env.GetProperty("namespace").GetString());
        Assert.Equal("StatefulSet", env.GetProperty("workloadType").GetString());
        var bad = await platform.SendAsync("POST", "/v1/environments", key, Encoding.UTF8.GetBytes("""{"namespace":"a","workloadName":"b","workloadType":"c"}"""));
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task Findings_and_packages_page()
    {
        var key = await platform.NewKeyAsync();
        await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(21), ["pkg:npm/a@1.0", "pkg:npm/b@1.0", "pkg:npm/c@1.0"]));
        await platform.DrainAsync();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "2" };
            if (token != null) query["pageToken"] = token;
            var page = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(21)}/findings", key, query: query));
            seen.AddRange(page.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (token != null);
        Assert.Equal(["TEST-a", "TEST-b", "TEST-c"], seen.Order());
    }
}
