using System.Text;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

/// <summary>Issue #11: VEX documents are read completely before anything is stored; an image's failed re-overlay is a
/// warning on GET /v1/images/{digest}.</summary>
public sealed class ImageIntegrityApiTests : IDisposable
{
    private readonly TestPlatform platform = new();

    public void Dispose() => platform.Dispose();

    private async Task<(string Key, string Digest)> ImageAsync()
    {
        var key = await platform.NewKeyAsync();
        var digest = Digest(21);
        Assert.Equal(202, (await platform.SendAsync("POST", "/v1/images", key, Envelope(digest))).Status);
        await platform.DrainAsync();
        return (key, digest);
    }

    [Fact]
    public async Task A_vex_document_with_a_bad_statement_is_refused_and_nothing_is_stored()
    {
        var (key, digest) = await ImageAsync();
        var bad = Encoding.UTF8.GetBytes("""
            {"@context":"https://openvex.dev/ns/v0.2.0","statements":[
              {"vulnerability":{"name":"CVE-2024-0001"},"status":"not_affected","justification":"component_not_present"},
              {"vulnerability":{"name":"CVE-2024-0002"}}]}
            """);
        var response = await platform.SendAsync("POST", $"/v1/images/{digest}/vex", key, bad);
        Assert.Equal(400, response.Status);
        Assert.Contains("statements[1]", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Empty(await platform.Store.GetVexAsync(await TenantOfAsync(key), digest));
    }

    [Fact]
    public async Task A_failed_reoverlay_shows_as_a_warning_on_the_image()
    {
        var (key, digest) = await ImageAsync();
        var tenant = await TenantOfAsync(key);
        await platform.Store.SetReoverlayIssueAsync(tenant, digest, "re-overlay failed: corrupt row", DateTimeOffset.UtcNow);
        var image = Json(await platform.SendAsync("GET", $"/v1/images/{digest}", key));
        Assert.Contains(image.GetProperty("warnings").EnumerateArray(),
            w => w.GetProperty("path").GetString() == "reoverlay" && w.GetProperty("message").GetString() == "re-overlay failed: corrupt row");
        await platform.Store.SetReoverlayIssueAsync(tenant, digest, null, DateTimeOffset.UtcNow);
        image = Json(await platform.SendAsync("GET", $"/v1/images/{digest}", key));
        Assert.DoesNotContain(image.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("path").GetString() == "reoverlay");
    }

    private async Task<string> TenantOfAsync(string key) => (await platform.Platform.Keys.AuthenticateAsync(key))!.TenantId;
}
