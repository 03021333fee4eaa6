using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Bench.Aws;
using Scout.Core.Model;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

// Storing a 10,000-package SBOM analysis through DynamoDbScoutStore vs raw BatchWriteItem of the same items at the
// same number of batches in flight (1, 4, 8; --parallelism 1,4,8), same DynamoDB Local, same process; items/s and the ratio. Run inside a private network namespace
// (scripts/bench-aws.sh) because DynamoDB Local listens on all interfaces.
const int Packages = 10_000, Rounds = 7;
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
var parallelism = args is ["--parallelism", var list] ? list.Split(',').Select(int.Parse).ToArray() : [1, 4, 8];

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

// The same items the store wrote, as raw BatchWriteItem calls with the same number of batches in flight.
async Task<double> RawAsync(IReadOnlyList<WriteRequest> writes, string table, int inFlight)
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

double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
double Min(List<double> xs) => xs.Min();
Console.WriteLine($"10,000-package analysis on DynamoDB Local; {Rounds} rounds each, store and raw alternating; items/s from the median round");
Console.WriteLine($"{"in flight",9} {"items",6} {"store s",8} {"raw s",8} {"store items/s",14} {"raw items/s",12} {"store/raw",10} {"best/best",10}  (store rounds | raw rounds)");
foreach (var inFlight in parallelism)
{
    var table = $"bench-{inFlight}";
    var store = new DynamoDbScoutStore(client, new DynamoDbStoreOptions { TableName = table, WriteConcurrency = inFlight });
    await store.InitializeAsync();
    await store.SaveAnalysisAsync(Analysis(1_000)); // warm-up (JIT, connection pool, table)
    var storeTimes = new List<double>();
    var rawTimes = new List<double>();
    var items = 0;
    for (var round = 0; round < Rounds; round++)
    {
        var analysis = Analysis(inFlight * 100 + round); // built outside the timed part: the caller's work, not the store's
        client.Writes.Clear();
        client.Recording = true;
        var watch = Stopwatch.StartNew();
        await store.SaveAnalysisAsync(analysis);
        storeTimes.Add(watch.Elapsed.TotalSeconds);
        client.Recording = false;
        // the store also makes a few single-item calls (head read, conditional head put); count the batch-written items
        items = client.Writes.Count + 1;
        rawTimes.Add(await RawAsync(client.Writes.ToList(), table, inFlight));
    }
    var storeRate = items / Median(storeTimes);
    var rawRate = (items - 1) / Median(rawTimes);
    Console.WriteLine($"{inFlight,9} {items,6} {Median(storeTimes),8:F2} {Median(rawTimes),8:F2} {storeRate,14:F0} {rawRate,12:F0} {storeRate / rawRate,10:F2} {items / Min(storeTimes) / ((items - 1) / Min(rawTimes)),10:F2}  ({string.Join(" ", storeTimes.Select(t => t.ToString("F2")))} | {string.Join(" ", rawTimes.Select(t => t.ToString("F2")))})");
}
