using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>
/// Issue #18: `scout serve --feed URL` as a real process polls a local feed in OSV's bucket layout on its interval; an
/// advisory published in the feed after an image was analyzed becomes a finding on that image through the API, and the
/// polls in between are conditional (304).
/// </summary>
public sealed class ServeFeedProcessTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash >=4.0.0 <4.17.21
    private readonly string data = Directory.CreateTempSubdirectory("scout-serve-feed-test-").FullName;
    private readonly OsvBucket bucket = new();

    public void Dispose()
    {
        bucket.Dispose();
        Directory.Delete(data, recursive: true);
    }

    private static byte[] Envelope(string digest) => Encoding.UTF8.GetBytes($$$"""
        {"image":{"digest":"{{{digest}}}","createdAt":"2026-10-01T12:00:00Z","architecture":"amd64","os":{"type":"linux"},
          "registry":{"url":"docker.io/acme/web","type":"dockerhub"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
           {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"},
           {"type":"library","name":"left-pad","version":"1.3.0","purl":"pkg:npm/left-pad@1.3.0"}]}}
        """);

    private static async Task<JsonElement> PollAsync(HttpClient http, string path, Func<JsonElement, bool> done, string what, Func<string> context)
    {
        // Generous: the test is about the finding appearing, not about how fast (the bench measures that).
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (true)
        {
            var body = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.Clone();
            if (done(body)) return body;
            Assert.True(DateTime.UtcNow < deadline, $"{what} not seen in 240 s: {body}\n{context()}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task An_advisory_published_in_the_feed_becomes_a_finding_through_the_api()
    {
        bucket.Put("npm", OsvBucket.Real("npm", "GHSA-2mhh-w6q8-5hxw")).Publish();
        using var feed = new OsvBucketServer(bucket.Root);
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();

        var (server, address) = await ScoutProcess.ServeAsync(data, "--feed", feed.BaseUri.AbsoluteUri, "--refresh-interval", "2");
        using (server)
        {
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var digest = "sha256:" + new string('a', 64);
            var accepted = await http.PostAsync("/v1/images", new ByteArrayContent(Envelope(digest)));
            Assert.Equal(202, (int)accepted.StatusCode);
            var statusPath = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
            var status = await PollAsync(http, statusPath, s => s.GetProperty("status").GetString() is "done" or "failed", "analysis", () => server.Stderr);
            Assert.True(status.GetProperty("status").GetString() == "done", status + "\n" + server.Stderr);
            static bool HasCve(JsonElement f) => f.GetProperty("findings").EnumerateArray().Any(x => x.GetProperty("id").GetString() == "CVE-2020-28500");
            Assert.False(HasCve(JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}/findings")).RootElement));

            // The schedule has read the feed at least once, and polls it again while nothing changes.
            await PollAsync(http, "/healthz", _ => feed.Requests.Count(r => r.Path == "npm/modified_id.csv") >= 3, "three polls of the listing",
                () => string.Join('\n', feed.Requests) + "\n" + server.Stderr);
            Assert.Contains(feed.Requests, r => r.Path == "npm/modified_id.csv" && r.Status == 304);

            var lodash = OsvBucket.Real("npm", Lodash);
            lodash["modified"] = OsvBucket.Rfc3339(DateTimeOffset.UtcNow.AddSeconds(1));
            bucket.Put("npm", lodash).Publish(zip: false);

            var findings = await PollAsync(http, $"/v1/images/{digest}/findings", HasCve, "CVE-2020-28500 on the image",
                () => string.Join('\n', feed.Requests.TakeLast(10)) + "\n" + server.Stderr);
            var finding = findings.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("id").GetString() == "CVE-2020-28500");
            Assert.Equal("pkg:npm/lodash@4.17.20", finding.GetProperty("purl").GetString());
            Assert.Contains(feed.Requests, r => r.Path == $"npm/{Lodash}.json" && r.Status == 200);
        }
    }
}
