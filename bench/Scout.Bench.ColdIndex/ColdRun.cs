using System.Diagnostics;
using System.Text.Json;
using Scout.Advisories;
using Scout.Advisories.Index;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Sbom;
using Scout.Storage.DynamoDb;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;

namespace Scout.Bench.ColdIndex;

/// <summary>What one cold process measured; printed as one JSON line for the parent.</summary>
internal sealed record ColdFigures(string Mode, double SinceStartMs, double WorkMs, double StoreReadMs, double PeakRssMiB,
    double HeapMiB, int Findings, double CacheMiB, long StoreCalls, string Outcome)
{
    /// <summary>Of the work: building the platform (store initialization; the whole index read in `full`).</summary>
    public double StartupMs { get; init; }
    /// <summary>Store calls by time: where the rest of the work went.</summary>
    public string StoreTimes { get; init; } = "";
}

/// <summary>
/// One cold process, as a queue function starts: opens the store named by the environment and does one thing.
///   raw        only the store reads an analysis of the packages needs (GetAdvisoriesForPackagesAsync of their keys): the floor
///   on-demand  the platform as hosts build it, then the queued upload's analysis (index read per package)
///   full       the index as hosts built it before: every stored advisory read and held, then the same analysis
/// </summary>
internal static class ColdRun
{
    public static async Task<int> RunAsync(string mode, string tenant, string uploadId, string keysFile)
    {
        var sinceStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var (store, timing) = TimedStore.Wrap(OpenStore());
        var work = Stopwatch.StartNew();
        ColdFigures figures;
        if (mode == "raw")
        {
            var keys = File.ReadLines(keysFile).Select(l => l.Split('\t')).Select(p => new PackageKey(p[0], p[1])).ToList();
            var read = await store.GetAdvisoriesForPackagesAsync(keys);
            var ms = work.Elapsed.TotalMilliseconds;
            figures = Figures(mode, sinceStart, ms, ms, read.Values.Sum(v => v.Count), null, "read");
        }
        else
        {
            var options = new ScoutOptions();
            var platform = mode == "full"
                ? ScoutPlatform.Create(store, NoQueue.Instance, await FullComponentsAsync(store), options)
                : await ScoutPlatform.CreateAsync(store, NoQueue.Instance, options);
            var startupMs = work.Elapsed.TotalMilliseconds;
            var outcome = await platform.QueueAnalysis.HandleAsync(new AnalyzeImageMessage(tenant, uploadId));
            var ms = work.Elapsed.TotalMilliseconds;
            // Every store call of the analysis, before this process reads its figures back.
            var storeTimes = timing.Summary(top: int.MaxValue);
            var index = platform.Components.Advisories!.Index as OnDemandAdvisoryIndex;
            var upload = await store.GetUploadAsync(tenant, uploadId);
            var findings = upload?.ImageDigest is { } digest ? (await store.GetFindingsAsync(tenant, digest)).Count : -1;
            figures = Figures(mode, sinceStart, ms, index?.StoreReadTime.TotalMilliseconds ?? -1, findings, index,
                outcome.Status + (outcome.Reason is { } r ? ": " + r : "")) with { StartupMs = startupMs, StoreTimes = storeTimes };
        }
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static ColdFigures Figures(string mode, DateTime sinceStart, double workMs, double storeMs, int findings, OnDemandAdvisoryIndex? index, string outcome) =>
        new(mode, (DateTime.UtcNow - sinceStart).TotalMilliseconds, workMs, storeMs, PeakRssMiB(), GC.GetTotalMemory(false) / 1048576.0,
            findings, (index?.CachedBytes ?? 0) / 1048576.0, index?.Reads.StoreCalls ?? 1, outcome);

    /// <summary>Before: every stored advisory read into memory at start (what DefaultComponents did).</summary>
    private static async Task<ScoutComponents> FullComponentsAsync(IScoutStore store)
    {
        var advisories = AdvisoryServices.Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, store);
        await advisories.LoadFromStoreAsync(store);
        return new ScoutComponents(new SbomNormalizer(), advisories.Matcher, advisories.SecretScanner) { Advisories = advisories };
    }

    /// <summary>The store the environment names, as the functions open it (DynamoDB when SCOUT_DYNAMODB_TABLE is set, table owned by the deployment; else Firestore).</summary>
    public static IScoutStore OpenStore(bool ensureTable = false)
    {
        var settings = Core.Settings.ScoutSettings.Current;
        if (settings.DynamoDbTable is { } table)
            return new DynamoDbScoutStore(DynamoDbClientFactory.FromEnvironment(), new DynamoDbStoreOptions { TableName = table, EnsureTable = ensureTable });
        return new FirestoreScoutStore(FirestoreRestClient.Create(FirestoreOptions.From(settings)));
    }

    /// <summary>VmHWM: the largest resident set the process has had (Linux).</summary>
    public static double PeakRssMiB(string status = "/proc/self/status")
    {
        var line = File.ReadLines(status).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    private sealed class NoQueue : IWorkQueue
    {
        public static readonly NoQueue Instance = new();
        public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default) => Task.CompletedTask;
    }
}
