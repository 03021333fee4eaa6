using System.Text.Json.Nodes;

namespace Scout.Storage.Firestore.Rest;

/// <summary>Splits writes into commits within Firestore's limits: 500 writes and 10 MiB per request.</summary>
public static class CommitPlanner
{
    public const int MaxWrites = 500;
    /// <summary>Under 10 MiB with headroom for the request envelope.</summary>
    public const int MaxRequestBytes = 9 * 1024 * 1024;

    public static List<List<JsonObject>> Plan(IEnumerable<JsonObject> writes, int maxWrites = MaxWrites, int maxBytes = MaxRequestBytes)
    {
        var batches = new List<List<JsonObject>>();
        var current = new List<JsonObject>();
        long bytes = 0;
        foreach (var write in writes)
        {
            var size = write.ToJsonString().Length + 1;
            if (current.Count > 0 && (current.Count >= maxWrites || bytes + size > maxBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }
            current.Add(write);
            bytes += size;
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }

    /// <summary>Commits independent batches, a few at a time (each batch is atomic; the set is not).</summary>
    public static async Task CommitAllAsync(FirestoreRestClient client, IEnumerable<JsonObject> writes, CancellationToken ct, int parallelism = 4)
    {
        var batches = Plan(writes, maxBytes: client.Options.MaxCommitBytes);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (batch, token) => await client.CommitAsync(batch, token));
    }
}
