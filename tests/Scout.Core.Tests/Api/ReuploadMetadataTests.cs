using System.Text;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

/// <summary>Re-uploading a digest with the same SBOM but changed metadata updates what is stored, secrets redacted again.</summary>
public sealed class ReuploadMetadataTests : IDisposable
{
    private readonly TestPlatform platform = new();

    public void Dispose() => platform.Dispose();

    [Fact]
    public async Task Same_sbom_with_changed_env_and_labels_replaces_the_stored_metadata_and_redacts_the_new_secret()
    {
        var key = await platform.NewKeyAsync();
        var first = Json(await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(40), extraEnv: """{"name":"MODE","value":"blue"}""")));
        Assert.Equal(1, await platform.DrainAsync());

        var changed = Encoding.UTF8.GetString(Envelope(Digest(40), extraEnv: """{"name":"MODE","value":"green"},{"name":"DB","value":"SECRET-new-value"}"""))
            .Replace("\"team\":\"web\"", "\"team\":\"payments\"");
        var second = await platform.SendAsync("POST", "/v1/images", key, Encoding.UTF8.GetBytes(changed));
        Assert.Equal(202, second.Status);
        Assert.True(Json(second).GetProperty("created").GetBoolean());
        Assert.NotEqual(first.GetProperty("uploadId").GetString(), Json(second).GetProperty("uploadId").GetString());
        Assert.Equal(1, await platform.DrainAsync());

        var image = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(40)}", key));
        var env = image.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("green", env["MODE"]);
        Assert.Equal("[REDACTED:test-secret]", env["DB"]);
        Assert.Equal("payments", image.GetProperty("labels").GetProperty("team").GetString());
        var findings = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(40)}/findings", key, query: new Dictionary<string, string> { ["kind"] = "secret" }));
        Assert.Equal("DB", Assert.Single(findings.GetProperty("findings").EnumerateArray()).GetProperty("name").GetString());
        Assert.Single(Json(await platform.SendAsync("GET", "/v1/images", key)).GetProperty("images").EnumerateArray());

        // the same envelope again is still idempotent
        var third = await platform.SendAsync("POST", "/v1/images", key, Encoding.UTF8.GetBytes(changed));
        Assert.False(Json(third).GetProperty("created").GetBoolean());
        Assert.Equal(0, await platform.DrainAsync());
    }
}
