using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>
/// Issue #11, index freshness with two processes on one SQLite data folder: `scout serve` starts with no advisories in
/// its index; a separate `scout advisories import` process then stores one; the next upload the server analyzes has
/// the new advisory's finding (the server reads the store's watermark before each batch and catches up).
/// </summary>
public sealed class IndexFreshnessProcessTests : IDisposable
{
    private const string Lodash = "GHSA-29mw-wpgm-hmr9";   // CVE-2020-28500, lodash >=4.0.0 <4.17.21
    private readonly string data = Directory.CreateTempSubdirectory("scout-fresh-proc-").FullName;
    private readonly string advisories = Directory.CreateTempSubdirectory("scout-fresh-osv-").FullName;

    public void Dispose()
    {
        foreach (var d in new[] { data, advisories }) try { Directory.Delete(d, recursive: true); } catch (IOException) { }
    }

    private static byte[] Envelope(string digest) => Encoding.UTF8.GetBytes($$$"""
        {"image":{"digest":"{{{digest}}}","createdAt":"2026-10-01T12:00:00Z","architecture":"amd64","os":{"type":"linux"},
          "registry":{"url":"docker.io/acme/web","type":"dockerhub"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
           {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}}
        """);

    [Fact]
    public async Task A_running_server_analyzes_against_advisories_another_process_imported()
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        var (server, address) = await ScoutProcess.ServeAsync(data);
        using (server)
        {
            File.Copy(TestData.Path("osv", "npm", Lodash + ".json"), Path.Combine(advisories, Lodash + ".json"));
            var import = await ScoutProcess.RunAsync(null, "advisories", "import", advisories, "--data", data, "--format", "json");
            Assert.True(import.Code == 0, import.Stderr);
            Assert.Equal(1, JsonDocument.Parse(import.Stdout).RootElement.GetProperty("advisoriesChanged").GetInt32());

            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var digest = "sha256:" + new string('f', 64);
            var response = await http.PostAsync("/v1/images", new ByteArrayContent(Envelope(digest)));
            Assert.Equal(202, (int)response.StatusCode);
            var statusPath = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;
            var deadline = DateTime.UtcNow.AddSeconds(240);
            JsonElement status;
            while ((status = JsonDocument.Parse(await http.GetStringAsync(statusPath)).RootElement.Clone()).GetProperty("status").GetString() is not ("done" or "failed"))
            {
                Assert.True(DateTime.UtcNow < deadline, "analysis did not finish in 240 s: " + status);
                await Task.Delay(100);
            }
            Assert.True(status.GetProperty("status").GetString() == "done", status + "\n" + server.Stderr);
            var findings = await http.GetStringAsync($"/v1/images/{digest}/findings");
            Assert.Contains("CVE-2020-28500", findings);
        }
    }
}
