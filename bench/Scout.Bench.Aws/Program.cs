using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Bench.Aws;
using Scout.Core.Model;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

// Storing a 10,000-package SBOM analysis through DynamoDbScoutStore vs raw BatchWriteItem of the same items,
// same DynamoDB Local, same process; items/s and the ratio. Run inside a private network namespace
// (scripts/bench-aws.sh) because DynamoDB Local listens on all interfaces.
const int Packages = 10_000, Rounds = 5;
using var server = new AwsDynamoDbLocalServer();
if (args is ["smoke-http", var binary])
{
    await ColdStart.SmokeHttpAsync(binary, server.Endpoint);
    return;
}
if (args is ["coldstart", var aot, var jit])
{
    await ColdStart.RunAsync(aot, jit, server.Endpoint, rounds: 7);
    return;
}
var config = new AmazonDynamoDBConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1" };
using var client = new RecordingDynamoDbClient(config);
var store = new DynamoDbScoutStore(client, new DynamoDbStoreOptions { TableName = "bench" });
await store.InitializeAsync();

ImageAnalysis Analysis(int round) => new()
{
    TenantId = "bench", SbomSha256 = round.ToString("x64"), SbomFormat = "cyclonedx", TotalPackages = Packages,
    Image = new ImageMetadata { Digest = "sha256:" + round.ToString("x64") },
    Packages = Enumerable.Range(0, Packages).Select(i => new PackageRecord
    {
        Purl = $"pkg:npm/package-{i}@1.{i % 17}.{i % 5}", Type = "npm", Name = $"package-{i}", Version = $"1.{i % 17}.{i % 5}",
        Licenses = ["MIT"], Description = $"a package of round {round}: {Guid.NewGuid()}",
        FilePaths = [$"/app/node_modules/package-{i}/package.json"], DependencyType = DependencyType.Transitive,
    }).ToList(),
    IndexKeys = Enumerable.Range(0, Packages).Select(i => new PackageKey("npm", $"package-{i}")).ToList(),
    Findings = Enumerable.Range(0, 200).Select(i => new Finding { Id = $"GHSA-{i}", Kind = FindingKinds.Vulnerability, Purl = $"pkg:npm/package-{i}@1.0.0", Severity = Severities.High }).ToList(),
};

// warm-up (JIT, connection pool, table)
await store.SaveAnalysisAsync(Analysis(1_000));
var storeTimes = new List<double>();
var rawTimes = new List<double>();
var rawParallelTimes = new List<double>();
var items = 0;
for (var round = 0; round < Rounds; round++)
{
    client.Writes.Clear();
    client.Recording = true;
    var watch = Stopwatch.StartNew();
    await store.SaveAnalysisAsync(Analysis(round));
    storeTimes.Add(watch.Elapsed.TotalSeconds);
    client.Recording = false;
    // the store also makes a few single-item calls (head read, conditional head put); count the batch-written items
    items = client.Writes.Count + 1;

    var same = client.Writes.ToList();
    watch.Restart();
    foreach (var batch in same.Chunk(25))
    {
        var pending = new Dictionary<string, List<WriteRequest>> { ["bench"] = [.. batch] };
        while (pending.Count > 0)
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending });
            pending = response.UnprocessedItems is { Count: > 0 } left ? left : [];
        }
    }
    rawTimes.Add(watch.Elapsed.TotalSeconds);

    // the same items again, with the store's write concurrency (4 batches in flight)
    watch.Restart();
    await Parallel.ForEachAsync(same.Chunk(25), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
    {
        var pending = new Dictionary<string, List<WriteRequest>> { ["bench"] = [.. batch] };
        while (pending.Count > 0)
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct);
            pending = response.UnprocessedItems is { Count: > 0 } left ? left : [];
        }
    });
    rawParallelTimes.Add(watch.Elapsed.TotalSeconds);
}
double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
var storeRate = items / Median(storeTimes);
var rawRate = (items - 1) / Median(rawTimes);
Console.WriteLine($"10,000-package analysis: {items} items per save ({Packages} index entries + package/finding chunks + head)");
Console.WriteLine($"store SaveAnalysisAsync : median {Median(storeTimes):F2} s  {storeRate:F0} items/s  (rounds: {string.Join(", ", storeTimes.Select(t => t.ToString("F2")))})");
Console.WriteLine($"raw BatchWriteItem      : median {Median(rawTimes):F2} s  {rawRate:F0} items/s  (rounds: {string.Join(", ", rawTimes.Select(t => t.ToString("F2")))})");
var rawParallelRate = (items - 1) / Median(rawParallelTimes);
Console.WriteLine($"raw BatchWriteItem x4   : median {Median(rawParallelTimes):F2} s  {rawParallelRate:F0} items/s  (rounds: {string.Join(", ", rawParallelTimes.Select(t => t.ToString("F2")))})");
Console.WriteLine($"store / raw sequential  : {storeRate / rawRate:F2}");
Console.WriteLine($"store / raw x4          : {storeRate / rawParallelRate:F2}");
