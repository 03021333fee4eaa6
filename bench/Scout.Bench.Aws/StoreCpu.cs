using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Storage.DynamoDb;

namespace Scout.Bench.Aws;

/// <summary>
/// The store's own work in SaveAnalysisAsync (hashing, serializing, compressing, building the items), measured
/// against a client that answers every call at once: what the store adds on top of the raw writes.
/// </summary>
internal static class StoreCpu
{
    public static async Task RunAsync(int rounds)
    {
        using var client = new AnsweringClient();
        var store = new DynamoDbScoutStore(client, new DynamoDbStoreOptions { TableName = "cpu" });
        await store.SaveAnalysisAsync(WriteRatio.Analysis(1)); // JIT
        var times = new List<double>();
        var cpus = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var analysis = WriteRatio.Analysis(i + 2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await store.SaveAnalysisAsync(analysis);
            times.Add(watch.Elapsed.TotalMilliseconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }
        Console.WriteLine($"store's own work for a 10,000-package analysis (no I/O), median of {rounds}: {times.Order().ElementAt(times.Count / 2):F0} ms wall, {cpus.Order().ElementAt(cpus.Count / 2):F0} ms cpu (process)");
    }

    private sealed class AnsweringClient() : AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("bench", "bench"),
        new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1" })
    {
        public int Items;

        public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken ct = default) => Task.FromResult(new GetItemResponse());
        public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken ct = default) => Task.FromResult(new PutItemResponse());

        public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken ct = default)
        {
            Interlocked.Add(ref Items, request.RequestItems.Single().Value.Count);
            return Task.FromResult(new BatchWriteItemResponse());
        }
    }
}
