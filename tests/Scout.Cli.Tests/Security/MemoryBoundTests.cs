using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// Memory bounds of a real `scout serve` process (resident set read from /proc; a bound, not a timing). The figures go
/// to the test output and to $SCOUT_FIGURES_DIR/security-rss.txt when that is set.
/// </summary>
public sealed class MemoryBoundTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly string data = Directory.CreateTempSubdirectory("scout-rss-test-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task Twenty_concurrent_anonymous_32_MiB_posts_raise_resident_memory_by_at_most_64_MB()
    {
        var (server, address) = await ScoutProcess.ServeAsync(data);
        using (server)
        {
            var memory = new ProcessMemory(server.Id);
            var body = new byte[32 * MiB];
            new Random(7).NextBytes(body);
            // Warm-up: the code paths of an anonymous post are compiled before the baseline is read.
            await FloodAsync(address, body, 2);
            var baseline = memory.ResidentBytes;
            memory.ResetPeak();
            var statuses = await FloodAsync(address, body, 20);
            var peak = memory.PeakResidentBytes;
            var rise = peak - baseline;
            Report($"anonymous flood: 20 concurrent 32 MiB posts; resident before {ProcessMemory.Mb(baseline)}, peak {ProcessMemory.Mb(peak)}, rise {ProcessMemory.Mb(rise)}; answers {string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}x{g.Count()}"))}");
            Assert.DoesNotContain(statuses, s => s >= 500);
            Assert.All(statuses.Where(s => s != 0), s => Assert.Equal(401, s));
            Assert.Contains(401, statuses);
            Assert.True(rise <= 64 * MiB, $"resident memory rose by {ProcessMemory.Mb(rise)}");
        }
    }

    [Fact]
    public async Task Analyze_local_at_its_limits_answers_a_bounded_response_and_over_them_a_400()
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "rss", "--data", data);
        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        var (server, address) = await ScoutProcess.ServeAsync(data);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var memory = new ProcessMemory(server.Id);
            // 10,000 purls of close to 2 KiB each: the largest request the defaults accept (~20 MB).
            var purls = Enumerable.Range(0, 10_000).Select(i => $"pkg:npm/p{i:D5}-{new string('a', 2000)}@1.0.{i}").ToArray();
            var request = JsonSerializer.SerializeToUtf8Bytes(new { purls });
            var small = await http.PostAsync("/v1/analyze/local", Json(JsonSerializer.SerializeToUtf8Bytes(new { purls = purls[..10] })));
            Assert.Equal(200, (int)small.StatusCode);
            var baseline = memory.ResidentBytes;
            memory.ResetPeak();
            var response = await http.PostAsync("/v1/analyze/local", Json(request));
            var answer = await response.Content.ReadAsByteArrayAsync();
            var peak = memory.PeakResidentBytes;
            Report($"analyze/local: 10,000 purls, request {ProcessMemory.Mb(request.Length)}, answer {ProcessMemory.Mb(answer.Length)}; resident before {ProcessMemory.Mb(baseline)}, peak {ProcessMemory.Mb(peak)}, rise {ProcessMemory.Mb(peak - baseline)}");
            Assert.Equal(200, (int)response.StatusCode);
            using var doc = JsonDocument.Parse(answer);
            Assert.Equal(10_000, doc.RootElement.GetProperty("packages").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("warnings").GetArrayLength() <= 1001);
            // The bound: the largest accepted request costs a fixed multiple of its size (parsed JSON, UTF-16 strings,
            // package records, the serialized answer and collector slack), never more.
            Assert.True(peak - baseline < 32L * request.Length, $"resident memory rose by {ProcessMemory.Mb(peak - baseline)} for a {ProcessMemory.Mb(request.Length)} request");

            var tooMany = await http.PostAsync("/v1/analyze/local", Json(JsonSerializer.SerializeToUtf8Bytes(new { purls = purls.Append("pkg:npm/x@1").ToArray() })));
            Assert.Equal(400, (int)tooMany.StatusCode);
            Assert.Contains("more than 10000", await tooMany.Content.ReadAsStringAsync());
            var tooLong = await http.PostAsync("/v1/analyze/local", Json(JsonSerializer.SerializeToUtf8Bytes(new { purls = new[] { "pkg:npm/" + new string('b', 2100) + "@1" } })));
            Assert.Equal(400, (int)tooLong.StatusCode);
            Assert.Contains("purls[0]: longer than 2048 bytes", await tooLong.Content.ReadAsStringAsync());
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Concurrent anonymous posts, each on its own connection; 0 = the server ended the connection before the body was sent.</summary>
    private static async Task<int[]> FloodAsync(Uri address, byte[] body, int count)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count, PooledConnectionLifetime = TimeSpan.Zero };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            try
            {
                using var response = await http.PostAsync("/v1/images", Json(body));
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }));
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SCOUT_FIGURES_DIR") is { Length: > 0 } dir)
            File.AppendAllText(Path.Combine(dir, "security-rss.txt"), $"{DateTimeOffset.UtcNow:O} {line}\n");
    }
}
