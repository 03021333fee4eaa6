using System.Text;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

/// <summary>VEX limits of POST /v1/images/{digest}/vex: 16 documents per image, 1 MiB each, readable when attached.</summary>
public sealed class VexLimitTests : IDisposable
{
    private readonly TestPlatform platform = new();

    public void Dispose() => platform.Dispose();

    private static byte[] OpenVex(string vulnerability, string padding = "") => Encoding.UTF8.GetBytes($$"""
        {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.com/vex/{{vulnerability}}","author":"t","timestamp":"2026-01-01T00:00:00Z","version":1,
         "statements":[{"vulnerability":{"name":"{{vulnerability}}"},"products":[{"@id":"pkg:npm/left-pad@1.0"}],"status":"not_affected","justification":"component_not_present"}],
         "pad":"{{padding}}"}
        """);

    private async Task<string> ImageAsync()
    {
        var key = await platform.NewKeyAsync();
        await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(50)));
        await platform.DrainAsync();
        return key;
    }

    [Fact]
    public async Task At_most_16_documents_per_image_and_the_same_document_again_is_not_a_new_one()
    {
        var key = await ImageAsync();
        for (var i = 0; i < 16; i++)
            Assert.Equal(200, (await platform.SendAsync("POST", $"/v1/images/{Digest(50)}/vex", key, OpenVex($"CVE-2026-{i:D4}"))).Status);
        var seventeenth = await platform.SendAsync("POST", $"/v1/images/{Digest(50)}/vex", key, OpenVex("CVE-2026-9999"));
        Assert.Equal(409, seventeenth.Status);
        Assert.Equal("limit_reached", Json(seventeenth).GetProperty("error").GetString());
        Assert.Contains("limit 16", Json(seventeenth).GetProperty("detail").GetString());
        Assert.Equal(200, (await platform.SendAsync("POST", $"/v1/images/{Digest(50)}/vex", key, OpenVex("CVE-2026-0003"))).Status);
        Assert.Equal(16, (await platform.Store.GetVexAsync((await platform.Platform.Keys.AuthenticateAsync(key))!.TenantId, Digest(50))).Count);
    }

    [Fact]
    public async Task A_document_over_1_MiB_is_413_and_an_unreadable_one_is_400_before_anything_is_stored()
    {
        var key = await ImageAsync();
        var big = await platform.SendAsync("POST", $"/v1/images/{Digest(50)}/vex", key, OpenVex("CVE-2026-0001", new string('x', 1024 * 1024)));
        Assert.Equal(413, big.Status);
        var broken = Encoding.UTF8.GetBytes("""{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"}}]}""");
        var refused = await platform.SendAsync("POST", $"/v1/images/{Digest(50)}/vex", key, broken);
        Assert.Equal(400, refused.Status);
        Assert.Contains("statements[0]", Json(refused).GetProperty("detail").GetString());
        Assert.Empty(await platform.Store.GetVexAsync((await platform.Platform.Keys.AuthenticateAsync(key))!.TenantId, Digest(50)));
    }
}
