using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Tests.Fakes;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.Api;

public sealed class UploadApiTests : IDisposable
{
    private readonly TestPlatform platform = new();

    public void Dispose() => platform.Dispose();

    [Fact]
    public async Task Upload_is_accepted_then_analyzed_and_every_image_field_is_returned()
    {
        var key = await platform.NewKeyAsync();
        var digest = Digest(1);
        var accepted = await platform.SendAsync("POST", "/v1/images", key,
            Envelope(digest, environment: """{"namespace":"prod","workloadName":"web","workloadType":"Deployment"}"""));
        Assert.Equal(202, accepted.Status);
        var body = Json(accepted);
        var uploadId = body.GetProperty("uploadId").GetString()!;
        Assert.Equal($"/v1/uploads/{uploadId}", body.GetProperty("status").GetString());
        Assert.Equal("queued", Json(await platform.SendAsync("GET", $"/v1/uploads/{uploadId}", key)).GetProperty("status").GetString());

        Assert.Equal(1, await platform.DrainAsync());
        var status = Json(await platform.SendAsync("GET", $"/v1/uploads/{uploadId}", key));
        Assert.Equal("done", status.GetProperty("status").GetString());

        var image = Json(await platform.SendAsync("GET", $"/v1/images/{digest}", key));
        Assert.Equal(digest, image.GetProperty("digest").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T10:00:00Z"), image.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(["80/tcp"], image.GetProperty("exposedPorts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("PATH", image.GetProperty("env")[0].GetProperty("name").GetString());
        Assert.Equal("/usr/bin", image.GetProperty("env")[0].GetProperty("value").GetString());
        Assert.Equal("web", image.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("sha256:" + new string('a', 64), image.GetProperty("layers")[0].GetString());
        Assert.Equal("arm64", image.GetProperty("architecture").GetString());
        Assert.Equal("linux", image.GetProperty("os").GetProperty("type").GetString());
        Assert.Equal("12", image.GetProperty("os").GetProperty("version").GetString());
        Assert.Equal("docker.io/library/nginx", image.GetProperty("registry").GetProperty("url").GetString());
        Assert.Equal("dockerhub", image.GetProperty("registry").GetProperty("type").GetString());
        Assert.Equal(2, image.GetProperty("packageCount").GetInt32());
        Assert.Equal(1, image.GetProperty("findingCounts").GetProperty("high").GetInt32());
        var environment = image.GetProperty("environments")[0];
        Assert.Equal("prod", environment.GetProperty("namespace").GetString());
        Assert.Equal("web", environment.GetProperty("workloadName").GetString());
        Assert.Equal("Deployment", environment.GetProperty("workloadType").GetString());

        var packages = Json(await platform.SendAsync("GET", $"/v1/images/{digest}/packages", key));
        Assert.Equal(["pkg:npm/left-pad@1.0", "pkg:npm/right-pad@2.0"], packages.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("purl").GetString()));
        var findings = Json(await platform.SendAsync("GET", $"/v1/images/{digest}/findings", key));
        Assert.Equal(["TEST-left-pad"], findings.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Re_uploading_the_same_image_and_sbom_is_idempotent()
    {
        var key = await platform.NewKeyAsync();
        var first = Json(await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(2))));
        await platform.DrainAsync();
        var second = await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(2)));
        Assert.Equal(202, second.Status);
        Assert.Equal(first.GetProperty("uploadId").GetString(), Json(second).GetProperty("uploadId").GetString());
        Assert.False(Json(second).GetProperty("created").GetBoolean());
        Assert.Equal(0, await platform.DrainAsync()); // a finished upload is not analyzed again
        Assert.Equal(1, platform.Normalizer.Calls);
        var image = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(2)}", key));
        Assert.Equal(2, image.GetProperty("packageCount").GetInt32());
        Assert.Single(Json(await platform.SendAsync("GET", "/v1/images", key)).GetProperty("images").EnumerateArray());
    }

    [Fact]
    public async Task A_new_sbom_for_the_same_image_is_a_new_upload_that_replaces_packages()
    {
        var key = await platform.NewKeyAsync();
        var first = Json(await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(3))));
        await platform.DrainAsync();
        var second = Json(await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(3), ["pkg:npm/only@3.0"])));
        Assert.NotEqual(first.GetProperty("uploadId").GetString(), second.GetProperty("uploadId").GetString());
        await platform.DrainAsync();
        var packages = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(3)}/packages", key)).GetProperty("packages");
        Assert.Equal(["pkg:npm/only@3.0"], packages.EnumerateArray().Select(p => p.GetProperty("purl").GetString()));
    }

    [Fact]
    public async Task A_document_the_normalizer_refuses_fails_the_upload_with_its_reason()
    {
        var key = await platform.NewKeyAsync();
        var envelope = Encoding.UTF8.GetBytes($$"""{"image":{"digest":"{{Digest(4)}}"},"sbom":{"bomFormat":"nonsense"} }""");
        var uploadId = Json(await platform.SendAsync("POST", "/v1/images", key, envelope)).GetProperty("uploadId").GetString();
        await platform.DrainAsync();
        var status = Json(await platform.SendAsync("GET", $"/v1/uploads/{uploadId}", key));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.StartsWith("test-list: not a package list", status.GetProperty("reason").GetString());
        Assert.Equal(404, (await platform.SendAsync("GET", $"/v1/images/{Digest(4)}", key)).Status);
    }

    [Fact]
    public async Task Secret_values_never_reach_the_store()
    {
        var key = await platform.NewKeyAsync();
        const string secret = "SECRET-6b1f0e7c9d2a4b3c8e5f";
        await platform.SendAsync("POST", "/v1/images", key, Envelope(Digest(5), extraEnv: $$"""{"name":"API_TOKEN","value":"{{secret}}"}"""));
        await platform.DrainAsync();
        var findings = Json(await platform.SendAsync("GET", $"/v1/images/{Digest(5)}/findings", key)).GetProperty("findings");
        var finding = findings.EnumerateArray().Single(f => f.GetProperty("kind").GetString() == FindingKinds.Secret);
        Assert.Equal("API_TOKEN", finding.GetProperty("name").GetString());
        Assert.Equal("env", finding.GetProperty("location").GetString());

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(platform.Directory))
            Assert.DoesNotContain(secret, Encoding.Latin1.GetString(File.ReadAllBytes(file)));
        var uploads = platform.Store.Database.Read(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT data FROM upload_documents";
            using var r = cmd.ExecuteReader();
            var all = new List<byte[]>();
            while (r.Read()) all.Add((byte[])r.GetValue(0));
            return all;
        });
        Assert.NotEmpty(uploads);
        foreach (var packed in uploads)
        {
            var document = Core.UseCases.UploadDocument.Unpack(packed);
            Assert.DoesNotContain(secret, JsonSerializer.Serialize(document.Image));
        }
    }
}
