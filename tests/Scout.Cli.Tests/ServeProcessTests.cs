using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>`scout serve` as a real process on 127.0.0.1 with SQLite, fed a real SBOM from the public test data.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-serve-test-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private async Task<string> CreateTenantAsync()
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("scout_", key);
        return key;
    }

    private static byte[] Envelope(string digest, string sbomPath)
    {
        var sbom = File.ReadAllText(sbomPath);
        return Encoding.UTF8.GetBytes($$"""
            {"image":{"digest":"{{digest}}","createdAt":"2026-10-01T12:00:00Z","exposedPorts":["8080/tcp","53/udp"],
              "env":[{"name":"PATH","value":"/usr/bin"},{"name":"GITHUB_TOKEN","value":"ghp_4VqZ0l8Rk2bH7sX1mN9cT3yW6pJ5dF0aE2gK"}],
              "labels":{"org.opencontainers.image.version":"3.18"},"layers":["sha256:{{new string('1', 64)}}","sha256:{{new string('2', 64)}}"],
              "architecture":"amd64","os":{"type":"linux","version":"3.18"},
              "registry":{"url":"docker.io/library/alpine","type":"dockerhub"} },
             "sbom": {{sbom}},
             "environment":{"namespace":"edge","workloadName":"proxy","workloadType":"DaemonSet"} }
            """);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string statusPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync(statusPath)).RootElement.Clone();
            if (status.GetProperty("status").GetString() is "done" or "failed") return status;
            Assert.True(DateTime.UtcNow < deadline, "analysis did not finish in 90 s: " + status);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Real_sbom_upload_reaches_done_and_the_image_returns_every_field()
    {
        var key = await CreateTenantAsync();
        var (server, address) = await ScoutProcess.ServeAsync(data);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var digest = "sha256:" + new string('e', 64);
            var response = await http.PostAsync("/v1/images",
                new ByteArrayContent(Envelope(digest, TestData.Path("sbom", "images", "guac", "alpine-cyclonedx.json"))));
            Assert.Equal(202, (int)response.StatusCode);
            var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var status = await WaitAsync(http, accepted.GetProperty("status").GetString()!);
            Assert.True(status.GetProperty("status").GetString() == "done", status.ToString() + "\n" + server.Stderr);

            var image = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}")).RootElement;
            foreach (var field in new[] { "digest", "createdAt", "exposedPorts", "env", "labels", "layers", "architecture", "os", "registry", "packageCount", "findingCounts", "environments" })
                Assert.True(image.TryGetProperty(field, out _), $"GET /v1/images/{{digest}} lacks {field}");
            Assert.Equal(digest, image.GetProperty("digest").GetString());
            Assert.Equal(2, image.GetProperty("layers").GetArrayLength());
            Assert.Equal("DaemonSet", image.GetProperty("environments")[0].GetProperty("workloadType").GetString());
            var packageCount = image.GetProperty("packageCount").GetInt32();
            Assert.True(packageCount > 5, $"only {packageCount} packages from a real Alpine SBOM");

            var packages = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}/packages")).RootElement;
            Assert.Equal(packageCount, packages.GetProperty("total").GetInt32());
            Assert.Contains(packages.GetProperty("packages").EnumerateArray(), p => p.GetProperty("purl").GetString()?.StartsWith("pkg:apk/alpine/") == true);

            // The token in env is a finding naming the variable, and its value is not served back.
            var findings = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}/findings")).RootElement.GetProperty("findings");
            Assert.Contains(findings.EnumerateArray(), f => f.GetProperty("kind").GetString() == "secret" && f.GetProperty("name").GetString() == "GITHUB_TOKEN");
            Assert.DoesNotContain("ghp_4VqZ0l8Rk2bH7sX1mN9cT3yW6pJ5dF0aE2gK", image.GetRawText());
        }
    }

    [Fact]
    public async Task An_upload_accepted_before_a_crash_is_analyzed_after_the_restart()
    {
        var key = await CreateTenantAsync();
        var digest = "sha256:" + new string('f', 64);
        string statusPath;
        var (first, address) = await ScoutProcess.ServeAsync(data);
        using (first)
        {
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var response = await http.PostAsync("/v1/images",
                new ByteArrayContent(Envelope(digest, TestData.Path("sbom", "images", "guac", "big-mongo-cyclonedx.json"))));
            Assert.Equal(202, (int)response.StatusCode);
            statusPath = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
            first.Crash(); // SIGKILL right after the 202: the analysis is queued or in flight
        }
        var (second, address2) = await ScoutProcess.ServeAsync(data);
        using (second)
        {
            using var http = new HttpClient { BaseAddress = address2 };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var status = await WaitAsync(http, statusPath);
            Assert.True(status.GetProperty("status").GetString() == "done", status + "\n" + second.Stderr);
            Assert.True(JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}")).RootElement.GetProperty("packageCount").GetInt32() > 100);
        }
    }

    [Theory]
    [InlineData("serve", "--port", "notaport")]
    [InlineData("serve", "--store", "oracle")]
    [InlineData("images", "list")]
    [InlineData("no-such-command")]
    public async Task Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var (code, _, stderr) = await ScoutProcess.RunAsync(null, args);
        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
