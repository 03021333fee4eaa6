using System.Diagnostics;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Faults;

namespace Scout.Testing.Delivery;

/// <summary>How a backend's queue is consumed during a run: the consumer the host uses, over the platform given.</summary>
public delegate Task QueueConsumer(ScoutPlatform platform, CancellationToken ct);

/// <summary>
/// One fault-injection run (issue 12): the platform over a store that fails a seeded 10% of its calls (before or after
/// the write lands) and a queue that duplicates and redelivers a seeded 5% of its messages; N uploads go in through the
/// HTTP API handler (a client retrying 5xx, as any client would), the backend's own consumer drains the queue, and then
/// the run checks through the undecorated store that every upload ended done or failed with a reason, none is lost,
/// no row is duplicated, and each image's packages and findings equal those of a fault-free run of the same uploads.
/// </summary>
public static class FaultRun
{
    public const double StoreFaultRate = 0.10, QueueFaultRate = 0.05;

    public static async Task<FaultRunFigures> RunAsync(string backend, IScoutStore store, IWorkQueue queue, QueueConsumer consume,
        int uploads, int seed, TimeSpan timeout, ScoutOptions? options = null, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var expected = await BaselineAsync(uploads, options);
        var storeFaults = new FaultInjector(seed, StoreFaultRate);
        var queueFaults = new FaultInjector(seed + 1, QueueFaultRate);
        var faultyQueue = new FaultyWorkQueue(queue, queueFaults);
        await store.InitializeAsync();
        var platform = ScoutPlatform.Create(FaultyStore.Wrap(store, storeFaults), faultyQueue, UploadCorpus.Components(), options ?? new ScoutOptions());
        var (tenant, key) = await platform.Keys.CreateTenantAsync($"fault-run-{seed}");

        storeFaults.Enabled = queueFaults.Enabled = true;
        using var stop = new CancellationTokenSource();
        var consumer = Task.Run(() => consume(platform, stop.Token));
        var ids = new string[uploads];
        await Parallel.ForAsync(0, uploads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) => ids[i] = await UploadAsync(platform, key, i));
        log?.Invoke($"{backend}: {uploads} uploads accepted after {clock.Elapsed.TotalSeconds:0.0} s");

        var statuses = await WaitForEndAsync(store, tenant.TenantId, ids, timeout, () => consumer.IsCompleted ? consumer : null);
        await faultyQueue.RedeliveriesSent;
        await Task.Delay(TimeSpan.FromSeconds(3)); // the last redeliveries are consumed (acknowledged as duplicates)
        storeFaults.Enabled = queueFaults.Enabled = false;
        stop.Cancel();
        try { await consumer; } catch (OperationCanceledException) { }

        var problems = new List<string>();
        int done = 0, failed = 0, noReason = 0, lost = 0, duplicated = 0, mismatches = 0;
        for (var i = 0; i < uploads; i++)
        {
            var upload = statuses[i];
            switch (upload?.Status)
            {
                case UploadStatuses.Done: done++; break;
                case UploadStatuses.Failed:
                    failed++;
                    if (string.IsNullOrWhiteSpace(upload.Reason)) { noReason++; problems.Add($"upload {i} failed without a reason"); }
                    break;
                default: lost++; problems.Add($"upload {i} is {upload?.Status ?? "missing"}"); break;
            }
        }
        var images = await ListImagesAsync(store, tenant.TenantId);
        var digests = images.Select(im => im.Image.Digest).ToList();
        duplicated += digests.Count - digests.Distinct(StringComparer.Ordinal).Count();
        for (var i = 0; i < uploads; i++)
        {
            if (statuses[i]?.Status != UploadStatuses.Done) continue;
            var digest = UploadCorpus.Digest(i);
            if (!digests.Contains(digest)) { lost++; problems.Add($"upload {i} is done but image {digest} is missing"); continue; }
            var packages = await store.GetPackagesAsync(tenant.TenantId, digest);
            var findings = await store.GetFindingsAsync(tenant.TenantId, digest);
            var keys = findings.Select(f => f.Key).ToList();
            duplicated += keys.Count - keys.Distinct(StringComparer.Ordinal).Count();
            duplicated += Math.Max(0, packages.Count - expected[i].Packages);
            if (packages.Count != expected[i].Packages || !Canonical(findings).SequenceEqual(expected[i].Findings))
            {
                mismatches++;
                problems.Add($"upload {i}: {packages.Count} packages / [{string.Join(", ", Canonical(findings))}], fault-free: {expected[i].Packages} / [{string.Join(", ", expected[i].Findings)}]");
            }
        }
        return new FaultRunFigures
        {
            Backend = backend, Uploads = uploads, StoreCalls = storeFaults.Calls, FaultsBefore = storeFaults.FaultsBefore, FaultsAfter = storeFaults.FaultsAfter,
            MessagesDuplicated = faultyQueue.Duplicated, Done = done, Failed = failed, FailedWithoutReason = noReason, Lost = lost,
            DuplicatedRows = duplicated, FindingMismatches = mismatches, Elapsed = clock.Elapsed, Problems = problems,
        };
    }

    /// <summary>POST /v1/images through the API handler until it answers 202 (a fault answers 500 or throws: the client tries again).</summary>
    public static Task<string> UploadAsync(ScoutPlatform platform, string apiKey, int i) => UploadAsync(platform, apiKey, UploadCorpus.Envelope(i), $"upload {i}");

    public static async Task<string> UploadAsync(ScoutPlatform platform, string apiKey, byte[] body, string what)
    {
        string last = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var response = await platform.Api.HandleAsync(new ApiRequest
                {
                    Method = "POST", Path = "/v1/images", Body = body, Query = new Dictionary<string, string>(),
                    Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + apiKey },
                });
                using var json = JsonDocument.Parse(response.Body);
                if (response.Status == 202) return json.RootElement.GetProperty("uploadId").GetString()!;
                last = $"{response.Status} {json.RootElement}";
                if (response.Status < 500) break;
            }
            catch (InjectedFaultException e) { last = e.Message; }
        }
        throw new InvalidOperationException($"{what} was never accepted: {last}");
    }

    private static async Task<UploadRecord?[]> WaitForEndAsync(IScoutStore store, string tenantId, string[] ids, TimeSpan timeout, Func<Task?> consumerEnded)
    {
        var statuses = new UploadRecord?[ids.Length];
        var open = Enumerable.Range(0, ids.Length).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumerEnded() is { } ended) await ended; // a consumer that died surfaces its exception
            var still = new List<int>();
            foreach (var i in open)
            {
                statuses[i] = await store.GetUploadAsync(tenantId, ids[i]);
                if (statuses[i]?.Status is not (UploadStatuses.Done or UploadStatuses.Failed)) still.Add(i);
            }
            open = still;
            if (open.Count > 0) await Task.Delay(250);
        }
        return statuses;
    }

    private static async Task<List<StoredImage>> ListImagesAsync(IScoutStore store, string tenantId)
    {
        var images = new List<StoredImage>();
        string? token = null;
        do
        {
            var page = await store.ListImagesAsync(tenantId, 100, token);
            images.AddRange(page.Items);
            token = page.NextPageToken;
        } while (token != null);
        return images;
    }

    private static List<string> Canonical(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.Key}|{f.Severity}|{f.InstalledVersion}|{f.Suppressed}").Order(StringComparer.Ordinal)];

    private sealed record Expected(int Packages, List<string> Findings);

    private static readonly Dictionary<int, Expected[]> Baselines = [];

    /// <summary>The fault-free run: the same uploads through the same API, delivery policy and analysis on the embedded default.</summary>
    private static async Task<Expected[]> BaselineAsync(int uploads, ScoutOptions? options)
    {
        lock (Baselines) if (Baselines.TryGetValue(uploads, out var cached)) return cached;
        var directory = Directory.CreateTempSubdirectory("scout-baseline-").FullName;
        try
        {
            var store = new SqliteScoutStore(directory);
            var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance);
            await store.InitializeAsync();
            var platform = ScoutPlatform.Create(store, queue, UploadCorpus.Components(), options ?? new ScoutOptions());
            var (tenant, key) = await platform.Keys.CreateTenantAsync("baseline");
            var worker = new SqliteQueueWorker(queue, platform.Delivery);
            var expected = new Expected[uploads];
            for (var i = 0; i < uploads; i++) await UploadAsync(platform, key, i);
            await worker.DrainAsync();
            for (var i = 0; i < uploads; i++)
            {
                var digest = UploadCorpus.Digest(i);
                expected[i] = new Expected((await store.GetPackagesAsync(tenant.TenantId, digest)).Count,
                    Canonical(await store.GetFindingsAsync(tenant.TenantId, digest)));
            }
            lock (Baselines) Baselines[uploads] = expected;
            return expected;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
