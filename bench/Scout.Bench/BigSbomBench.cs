using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scout.Cli.Platform;
using Scout.Core.UseCases;
using Scout.Hosting;

namespace Scout.Bench;

/// <summary>
/// One upload of a big SBOM (the file given, e.g. 50,000 components) through the embedded platform's HTTP API and
/// queue worker, upload limits raised to fit it: the process's peak resident memory (VmHWM) before the upload
/// (platform started, advisories imported) and after its analysis is done, and the upload-to-done time.
/// </summary>
public static class BigSbomBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sbomPath = args.SkipWhile(a => a != "--sbom").Skip(1).FirstOrDefault();
        if (sbomPath is null || !File.Exists(sbomPath))
        {
            Console.Error.WriteLine("usage: Scout.Bench big-sbom --sbom FILE");
            return 2;
        }
        var envelope = Envelope(File.ReadAllBytes(sbomPath));
        var directory = Directory.CreateTempSubdirectory("scout-bench-").FullName;
        try
        {
            var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), _ => { }, CancellationToken.None);
            var limits = new UploadLimits { MaxCompressedBytes = 256L << 20, MaxDecompressedBytes = 1L << 30 };
            var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions { Limits = limits }, CancellationToken.None);
            await platform.ImportAdvisoriesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "advisories"));
            var (_, key) = await platform.Keys.CreateTenantAsync("bench");
            await using var app = LocalWebHost.Build(platform, 0, Console.Error.WriteLine);
            await app.StartAsync();
            using var stop = new CancellationTokenSource();
            var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            GC.Collect();
            var before = PeakResidentMiB();
            using var timeline = new ResidentTimeline();
            var watch = Stopwatch.StartNew();
            var content = new ByteArrayContent(envelope) { Headers = { ContentType = new("application/json") } };
            content.Headers.ContentEncoding.Add("gzip");
            using var response = await http.PostAsync("/v1/images", content);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 202) throw new InvalidOperationException($"upload: {(int)response.StatusCode} {body}");
            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
            var accepted = PeakResidentMiB();
            timeline.Phase = "accepted";
            string? state;
            do
            {
                await Task.Delay(100);
                state = JsonDocument.Parse(await http.GetStringAsync(status)).RootElement.GetProperty("status").GetString();
                timeline.Phase = state ?? "?";
            } while (state is not ("done" or "failed"));
            watch.Stop();
            var after = PeakResidentMiB();
            stop.Cancel();
            await worker;
            await app.StopAsync();
            Console.WriteLine($"big SBOM upload: {new FileInfo(sbomPath).Length / 1048576.0:F1} MB SBOM ({envelope.Length / 1048576.0:F1} MB gzip envelope), status {state}");
            Console.WriteLine($"upload-to-done: {watch.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"peak resident memory of the whole process: {before:F0} MiB before the upload, {accepted:F0} MiB once it was accepted (202), {after:F0} MiB after its analysis (goal: under 512 MiB)");
            Console.WriteLine($"resident memory by upload status (largest sample, MiB): {timeline}");
            return state == "done" ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] Envelope(byte[] sbom)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var digest = "sha256:" + new string('b', 64);
            gzip.Write(Encoding.UTF8.GetBytes($"{{\"image\":{{\"digest\":\"{digest}\",\"architecture\":\"amd64\",\"os\":{{\"type\":\"linux\"}}}},\"sbom\":"));
            gzip.Write(sbom);
            gzip.Write("}"u8);
        }
        return buffer.ToArray();
    }

    /// <summary>VmHWM: the largest resident set the process has had so far (Linux).</summary>
    private static double PeakResidentMiB() => StatusMiB("VmHWM:");

    private static double StatusMiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>The resident set sampled every 20 ms, its largest value kept per upload status: where the peak is.</summary>
    private sealed class ResidentTimeline : IDisposable
    {
        private readonly Dictionary<string, double> largest = [];
        private readonly List<string> order = [];
        private readonly Timer timer;
        public volatile string Phase = "uploading";

        public ResidentTimeline() => timer = new Timer(_ => Sample(), null, 0, 20);

        private void Sample()
        {
            var rss = StatusMiB("VmRSS:");
            lock (largest)
            {
                var phase = Phase;
                if (!largest.TryGetValue(phase, out var seen)) order.Add(phase);
                if (rss > seen) largest[phase] = rss;
            }
        }

        public override string ToString()
        {
            lock (largest) return string.Join(", ", order.Select(p => $"{p} {largest[p]:F0}"));
        }

        public void Dispose() => timer.Dispose();
    }
}
