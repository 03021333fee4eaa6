using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// The DynamoDB calls the store makes, with the platform limits handled once: BatchWriteItem takes 25 requests
/// and may hand some back as UnprocessedItems (retried with jittered exponential backoff), BatchGetItem takes 100
/// keys, Query and Scan pages stop at 1 MB.
/// </summary>
internal sealed class TableClient(IAmazonDynamoDB client, string tableName, int writeConcurrency = 4)
{
    public const int BatchWriteLimit = 25, BatchGetLimit = 100, TransactLimit = 100;
    private const int MaxBatchAttempts = 10;

    public IAmazonDynamoDB Client => client;
    public string TableName => tableName;

    /// <summary>Counts BatchWriteItem calls that came back with UnprocessedItems (observable by tests).</summary>
    public int UnprocessedRetries;

    /// <summary>Batches go out <c>writeConcurrency</c> at a time (each call is latency-bound); no order between batches.</summary>
    public Task WriteAllAsync(IReadOnlyList<WriteRequest> requests, CancellationToken ct) =>
        Parallel.ForEachAsync(requests.Chunk(BatchWriteLimit),
            new ParallelOptions { MaxDegreeOfParallelism = writeConcurrency, CancellationToken = ct },
            async (batch, token) => await WriteBatchAsync(batch, token));

    /// <summary>
    /// The same, for requests produced while the writes run (a producer may await work between items): batches of 25
    /// are cut as the requests arrive, still <c>writeConcurrency</c> calls at a time.
    /// </summary>
    public Task WriteAllAsync(IAsyncEnumerable<WriteRequest> requests, CancellationToken ct) =>
        Parallel.ForEachAsync(Batches(requests, ct),
            new ParallelOptions { MaxDegreeOfParallelism = writeConcurrency, CancellationToken = ct },
            async (batch, token) => await WriteBatchAsync(batch, token));

    private static async IAsyncEnumerable<WriteRequest[]> Batches(IAsyncEnumerable<WriteRequest> requests, [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<WriteRequest>(BatchWriteLimit);
        await foreach (var request in requests.WithCancellation(ct))
        {
            batch.Add(request);
            if (batch.Count < BatchWriteLimit) continue;
            yield return [.. batch];
            batch.Clear();
        }
        if (batch.Count > 0) yield return [.. batch];
    }

    private async Task WriteBatchAsync(WriteRequest[] batch, CancellationToken ct)
    {
        var pending = new Dictionary<string, List<WriteRequest>> { [tableName] = [.. batch] };
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, ct);
            if (response.UnprocessedItems is not { Count: > 0 } unprocessed
                || !unprocessed.TryGetValue(tableName, out var left) || left.Count == 0)
                break;
            Interlocked.Increment(ref UnprocessedRetries);
            if (attempt + 1 >= MaxBatchAttempts)
                throw new ProvisionedThroughputExceededException(
                    $"BatchWriteItem on {tableName}: {left.Count} items still unprocessed after {MaxBatchAttempts} attempts");
            await Task.Delay(Backoff(attempt), ct);
            pending = unprocessed;
        }
    }

    public async Task<List<Dictionary<string, AttributeValue>>> GetAllAsync(IReadOnlyList<Dictionary<string, AttributeValue>> keys, CancellationToken ct)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        foreach (var batch in keys.Chunk(BatchGetLimit))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [tableName] = new() { Keys = [.. batch], ConsistentRead = true },
            };
            for (var attempt = 0; ; attempt++)
            {
                var response = await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, ct);
                if (response.Responses is { } responses && responses.TryGetValue(tableName, out var items) && items is not null)
                    found.AddRange(items);
                if (response.UnprocessedKeys is not { Count: > 0 } unprocessed
                    || !unprocessed.TryGetValue(tableName, out var left) || left.Keys is not { Count: > 0 })
                    break;
                if (attempt + 1 >= MaxBatchAttempts)
                    throw new ProvisionedThroughputExceededException($"BatchGetItem on {tableName}: keys still unprocessed after {MaxBatchAttempts} attempts");
                await Task.Delay(Backoff(attempt), ct);
                pending = unprocessed;
            }
        }
        return found;
    }

    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAsync(QueryRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        request.TableName = tableName;
        do
        {
            var response = await client.QueryAsync(request, ct);
            foreach (var item in response.Items ?? []) yield return item;
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (request.ExclusiveStartKey is not null);
    }

    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> ScanAsync(ScanRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        request.TableName = tableName;
        do
        {
            var response = await client.ScanAsync(request, ct);
            foreach (var item in response.Items ?? []) yield return item;
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (request.ExclusiveStartKey is not null);
    }

    public async Task<List<Dictionary<string, AttributeValue>>> QueryPrefixAsync(string pk, string skPrefix, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in QueryAsync(new QueryRequest
        {
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
            ExpressionAttributeValues = new() { [":pk"] = Codec.S(pk), [":sk"] = Codec.S(skPrefix) },
            ConsistentRead = true,
        }, ct))
            items.Add(item);
        return items;
    }

    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, string sk, CancellationToken ct)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(pk, sk), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) =>
        new() { [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(sk) };

    public static WriteRequest Put(Dictionary<string, AttributeValue> item) => new() { PutRequest = new PutRequest { Item = item } };

    public static WriteRequest Delete(string pk, string sk) => new() { DeleteRequest = new DeleteRequest { Key = Key(pk, sk) } };

    /// <summary>Full-jitter exponential backoff: 50 ms doubling, capped at 2 s.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, (int)Math.Min(2000, 50 * Math.Pow(2, attempt)) + 1));
}
