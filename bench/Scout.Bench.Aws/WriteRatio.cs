using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Storage.DynamoDb;

namespace Scout.Bench.Aws;

/// <summary>
/// Storing a 10,000-package analysis through DynamoDbScoutStore vs raw BatchWriteItem of the same items, at the
/// same number of batches in flight (the store's WriteConcurrency is set to it). Each round is two store writes and
/// two raw writes in the order store, raw, raw, store (the next round raw, store, store, raw) so the drift of a
/// shared machine falls on both; the figure is the median of the per-round ratios. Both sides insert fresh items: the raw
/// items are the ones the store wrote in its warm-up, re-keyed to an image digest not yet in the table.
/// </summary>
internal static class WriteRatio
{
    private const int Packages = 10_000;

    public static async Task RunAsync(RecordingDynamoDbClient client, int[] parallelism, int rounds)
    {
        Console.WriteLine($"10,000-package analysis on DynamoDB Local; {rounds} rounds per parallelism, each store-raw-raw-store or raw-store-store-raw;");
        Console.WriteLine("ratio = store items/s over raw items/s of the same round, median over rounds (best/best: fastest store round over fastest raw round)");
        Console.WriteLine($"{"in flight",9} {"items",6} {"store s",8} {"raw s",8} {"store items/s",14} {"raw items/s",12} {"median ratio",13} {"best/best",10}  per-round ratios");
        var serial = 0;
        foreach (var inFlight in parallelism)
        {
            var table = $"bench-{inFlight}";
            var store = new DynamoDbScoutStore(client, new DynamoDbStoreOptions { TableName = table, WriteConcurrency = inFlight });
            await store.InitializeAsync();

            // Warm-up of both paths (JIT, connections, DynamoDB Local's own warm-up); the store's items are the raw template.
            var warmup = Analysis(++serial);
            client.Writes.Clear();
            client.Recording = true;
            await store.SaveAnalysisAsync(warmup);
            client.Recording = false;
            var template = client.Writes.ToList();
            await RawAsync(client, Rekey(template, warmup.Image.Digest, Digest(++serial)), table, inFlight);

            var storeTimes = new List<double>();
            var rawTimes = new List<double>();
            var ratios = new List<double>();
            int storeItems = 0, rawItems = template.Count;
            for (var round = 0; round < rounds; round++)
            {
                // Built outside the timed part: the analyses are the caller's work, the re-keyed items the baseline's input.
                var analyses = new Queue<ImageAnalysis>([Analysis(++serial), Analysis(++serial)]);
                var raws = new Queue<List<WriteRequest>>([Rekey(template, warmup.Image.Digest, Digest(++serial)), Rekey(template, warmup.Image.Digest, Digest(++serial))]);
                double storeSeconds = 0, rawSeconds = 0;
                async Task StoreAsync()
                {
                    client.Writes.Clear();
                    client.Recording = true;
                    var watch = Stopwatch.StartNew();
                    await store.SaveAnalysisAsync(analyses.Dequeue());
                    storeSeconds += watch.Elapsed.TotalSeconds;
                    client.Recording = false;
                    storeItems = client.Writes.Count + 1; // the batch-written items and the image head's conditional put
                }
                async Task BaselineAsync() => rawSeconds += await RawAsync(client, raws.Dequeue(), table, inFlight);
                // ABBA, then BAAB in the next round: a steady drift of the machine's load falls on both sides alike.
                if (round % 2 == 0) { await StoreAsync(); await BaselineAsync(); await BaselineAsync(); await StoreAsync(); }
                else { await BaselineAsync(); await StoreAsync(); await StoreAsync(); await BaselineAsync(); }
                storeTimes.Add(storeSeconds / 2);
                rawTimes.Add(rawSeconds / 2);
                ratios.Add(storeItems / storeSeconds / (rawItems / rawSeconds));
            }
            var (storeMedian, rawMedian) = (Median(storeTimes), Median(rawTimes));
            Console.WriteLine($"{inFlight,9} {storeItems,6} {storeMedian,8:F2} {rawMedian,8:F2} {storeItems / storeMedian,14:F0} {rawItems / rawMedian,12:F0} "
                + $"{Median(ratios),13:F2} {storeItems / storeTimes.Min() / (rawItems / rawTimes.Min()),10:F2}  {string.Join(" ", ratios.Select(r => r.ToString("F2")))}");
        }
    }

    /// <summary>BatchWriteItem of the given items, 25 a call, <paramref name="inFlight"/> calls at once, unprocessed items resent.</summary>
    private static async Task<double> RawAsync(RecordingDynamoDbClient client, IReadOnlyList<WriteRequest> writes, string table, int inFlight)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(writes.Chunk(25), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (batch, ct) =>
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [table] = [.. batch] };
            while (pending.Count > 0)
            {
                var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct);
                pending = response.UnprocessedItems is { Count: > 0 } left ? left : [];
            }
        });
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The same items (same attributes, same sizes) under another image digest of the same length.</summary>
    private static List<WriteRequest> Rekey(List<WriteRequest> writes, string from, string to) => writes.Select(w => new WriteRequest
    {
        PutRequest = new PutRequest
        {
            Item = w.PutRequest.Item.ToDictionary(kv => kv.Key, kv => kv.Value.S is { } s
                ? new AttributeValue { S = s.Replace(from, to, StringComparison.Ordinal) }
                : kv.Value.B is { } b ? new AttributeValue { B = new MemoryStream(b.ToArray()) } : kv.Value),
        },
    }).ToList();

    private static string Digest(int serial) => "sha256:" + serial.ToString("x64");

    internal static ImageAnalysis Analysis(int serial) => new()
    {
        TenantId = "bench", SbomSha256 = serial.ToString("x64"), SbomFormat = "cyclonedx", TotalPackages = Packages,
        Image = new ImageMetadata { Digest = Digest(serial) },
        Packages = Enumerable.Range(0, Packages).Select(i => new PackageRecord
        {
            Purl = $"pkg:npm/package-{i}@1.{i % 17}.{i % 5}", Type = "npm", Name = $"package-{i}", Version = $"1.{i % 17}.{i % 5}",
            Licenses = ["MIT"], Description = $"a package of round {serial}: {Guid.NewGuid()}",
            FilePaths = [$"/app/node_modules/package-{i}/package.json"], DependencyType = DependencyType.Transitive,
        }).ToList(),
        IndexKeys = Enumerable.Range(0, Packages).Select(i => new PackageKey("npm", $"package-{i}")).ToList(),
        Findings = Enumerable.Range(0, 200).Select(i => new Finding { Id = $"GHSA-{i}", Kind = FindingKinds.Vulnerability, Purl = $"pkg:npm/package-{i}@1.0.0", Severity = Severities.High }).ToList(),
    };

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
