using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Scout.Cli.Tests;

/// <summary>
/// Issue 12's crash test: `scout serve` (SQLite store and queue, the real analysis components and the bundled advisories)
/// is killed with SIGKILL five times at seeded random moments while 500 uploads go in; after the last restart every upload
/// reaches done with the same findings as an uninterrupted run of the same uploads.
/// </summary>
public sealed class CrashProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int Uploads = 500, Kills = 5;
    private readonly string crashed = Directory.CreateTempSubdirectory("scout-crash-").FullName;
    private readonly string uninterrupted = Directory.CreateTempSubdirectory("scout-nocrash-").FullName;

    public void Dispose()
    {
        foreach (var d in new[] { crashed, uninterrupted }) try { Directory.Delete(d, recursive: true); } catch (IOException) { }
    }

    /// <summary>lodash and requests versions on both sides of the bundled advisories' fixes, plus a package of its own.</summary>
    private static byte[] Envelope(int i) => Encoding.UTF8.GetBytes($$$"""
        {"image":{"digest":"{{{Digest(i)}}}","architecture":"amd64","os":{"type":"linux","version":"12"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
           {"type":"library","name":"lodash","version":"4.17.{{{i % 25}}}","purl":"pkg:npm/lodash@4.17.{{{i % 25}}}"},
           {"type":"library","name":"requests","version":"2.{{{25 + i % 10}}}.0","purl":"pkg:pypi/requests@2.{{{25 + i % 10}}}.0"},
           {"type":"library","name":"own-{{{i}}}","version":"1.0.{{{i}}}","purl":"pkg:npm/own-{{{i}}}@1.0.{{{i}}}"}]}}
        """);

    private static string Digest(int i) => "sha256:" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'c');

    private static async Task<string> PrepareAsync(string data)
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "advisories");
        var imported = await ScoutProcess.RunAsync(null, "advisories", "import", samples, "--data", data);
        Assert.True(imported.Code == 0, imported.Stderr);
        return stdout.TrimEnd().Split('\n')[^1].Trim();
    }

    [Fact]
    public async Task Five_SIGKILLs_during_500_uploads_still_end_every_upload_done_with_the_uninterrupted_findings()
    {
        var expected = await RunAsync(uninterrupted, kills: 0);
        var actual = await RunAsync(crashed, Kills);
        Assert.Equal(Uploads, actual.Count);
        var differing = Enumerable.Range(0, Uploads).Where(i => actual[i] != expected[i]).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} images differ from the uninterrupted run, e.g. {string.Join("; ", differing.Take(3).Select(i => $"#{i}: {actual[i]} vs {expected[i]}"))}");
        Assert.Contains(expected, f => f.Contains("CVE-2021-23337|pkg:npm/lodash", StringComparison.Ordinal)); // the bundled lodash advisory matched: findings are not trivially empty
    }

    /// <summary>Uploads everything (retrying while the server is down), killing the server <paramref name="kills"/> times; returns findings per upload.</summary>
    private async Task<List<string>> RunAsync(string data, int kills)
    {
        var key = await PrepareAsync(data);
        var random = new Random(1212);
        var (server, address) = await ScoutProcess.ServeAsync(data);
        var current = address;
        var ids = new string?[Uploads];
        var uploading = Parallel.ForAsync(0, Uploads, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            while (ids[i] is null)
            {
                try
                {
                    using var http = Client(Volatile.Read(ref current), key);
                    using var response = await http.PostAsync("/v1/images", new ByteArrayContent(Envelope(i)));
                    if ((int)response.StatusCode == 202) ids[i] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("uploadId").GetString();
                    else Assert.True((int)response.StatusCode >= 500, $"upload {i}: {(int)response.StatusCode}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { await Task.Delay(100); } // the server is down: try again
            }
        });
        try
        {
            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 + random.Next(1200)));
                server.Crash();
                var accepted = ids.Count(id => id != null);
                output.WriteLine($"SIGKILL {k + 1} after {accepted} uploads were accepted");
                server.Dispose();
                (server, address) = await ScoutProcess.ServeAsync(data);
                Volatile.Write(ref current, address);
            }
            await uploading;
            using var http = Client(current, key);
            var deadline = DateTime.UtcNow.AddMinutes(5);
            for (var i = 0; i < Uploads; i++)
            {
                while (true)
                {
                    var status = JsonDocument.Parse(await http.GetStringAsync($"/v1/uploads/{ids[i]}")).RootElement;
                    var s = status.GetProperty("status").GetString();
                    if (s is "done") break;
                    Assert.True(s is "queued" or "analyzing" && DateTime.UtcNow < deadline, $"upload {i}: {status}\n{server.Stderr}");
                    await Task.Delay(100);
                }
            }
            var findings = new List<string>();
            for (var i = 0; i < Uploads; i++)
            {
                var body = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{Digest(i)}/findings")).RootElement;
                findings.Add(string.Join(",", body.GetProperty("findings").EnumerateArray()
                    .Select(f => $"{f.GetProperty("id").GetString()}|{f.GetProperty("purl").GetString()}|{f.GetProperty("severity").GetString()}").Order(StringComparer.Ordinal)));
            }
            return findings;
        }
        finally
        {
            server.Dispose();
        }
    }

    private static HttpClient Client(Uri address, string key)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
