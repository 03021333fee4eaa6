using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

public sealed partial class DynamoDbScoutStore
{
    /// <summary>Documents up to this many chunks are written with their head in one transaction (4 MB cap).</summary>
    private const int TransactionalChunks = 10;
    private const string DocPrefix = "DOC";

    /// <summary>
    /// Idempotent: an existing head wins and is returned. The head is written last and conditionally, so its
    /// existence implies the whole document is stored; small documents go in one transaction with it.
    /// </summary>
    public async Task<(UploadRecord Upload, bool Created)> CreateUploadAsync(UploadRecord upload, byte[] compressedDocument, CancellationToken ct = default)
    {
        var pk = Keys.Upload(upload.TenantId, upload.UploadId);
        if (await table.GetAsync(pk, Keys.Meta, ct) is { } existing)
            return (ReadUpload(existing), false);

        var chunks = Codec.Split(compressedDocument, options.ChunkBytes);
        var chunkItems = chunks.Select((data, i) => new Dictionary<string, AttributeValue>
        {
            [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Chunk(DocPrefix, i)),
            [Keys.EntityType] = Codec.S(EntityTypes.UploadChunk), ["data"] = Codec.B(data),
        }).ToList();
        var head = UploadItem(upload, chunks.Count);
        try
        {
            if (chunks.Count <= TransactionalChunks)
            {
                var actions = chunkItems.Select(i => new TransactWriteItem { Put = new Put { TableName = table.TableName, Item = i } }).ToList();
                actions.Add(new TransactWriteItem { Put = new Put { TableName = table.TableName, Item = head, ConditionExpression = "attribute_not_exists(PK)" } });
                await table.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = actions }, ct);
            }
            else
            {
                await table.WriteAllAsync(chunkItems.Select(TableClient.Put).ToList(), ct);
                await table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = head, ConditionExpression = "attribute_not_exists(PK)" }, ct);
            }
            return (upload, true);
        }
        catch (Exception e) when (e is ConditionalCheckFailedException || (e is TransactionCanceledException t && IsConditionFailure(t)))
        {
            // a concurrent delivery of the same upload got there first; its document has the same bytes
            var winner = await table.GetAsync(pk, Keys.Meta, ct) ?? throw new InvalidOperationException($"upload {upload.UploadId} vanished after a conflicting write");
            return (ReadUpload(winner), false);
        }
    }

    public async Task<UploadRecord?> GetUploadAsync(string tenantId, string uploadId, CancellationToken ct = default) =>
        await table.GetAsync(Keys.Upload(tenantId, uploadId), Keys.Meta, ct) is { } item ? ReadUpload(item) : null;

    /// <summary>Null when the upload is unknown or its document has expired (TTL after analysis).</summary>
    public async Task<byte[]?> GetUploadDocumentAsync(string tenantId, string uploadId, CancellationToken ct = default)
    {
        var pk = Keys.Upload(tenantId, uploadId);
        if (await table.GetAsync(pk, Keys.Meta, ct) is not { } head) return null;
        var count = (int)head.GetN("chunks");
        var keys = Enumerable.Range(0, count).Select(i => TableClient.Key(pk, Keys.Chunk(DocPrefix, i))).ToList();
        var items = await table.GetAllAsync(keys, ct);
        if (items.Count != count) return null;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (items.Any(i => i.ContainsKey(Keys.Ttl) && i.GetN(Keys.Ttl) <= now)) return null;
        return Codec.Concat(items.OrderBy(i => i.GetS(Keys.Sk), StringComparer.Ordinal).Select(i => i.GetB("data")));
    }

    /// <summary>
    /// Pending uploads sit in the sparse PENDING#nn partitions of GSI1 (<see cref="Keys.PendingShard(string, string)"/>); a final status removes them from it and
    /// starts the document's retention clock (TTL on its chunks).
    /// </summary>
    public async Task UpdateUploadStatusAsync(string tenantId, string uploadId, string status, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        var pk = Keys.Upload(tenantId, uploadId);
        var final = status is UploadStatuses.Done or UploadStatuses.Failed;
        var values = new Dictionary<string, AttributeValue> { [":s"] = Codec.S(status), [":u"] = Codec.S(Codec.Time(at)) };
        var set = new List<string> { "#status = :s", "#updated = :u" };
        var remove = new List<string>();
        if (reason is null) remove.Add("#reason");
        else { set.Add("#reason = :r"); values[":r"] = Codec.S(reason); }
        if (final) remove.AddRange([Keys.Gsi1Pk, Keys.Gsi1Sk]);
        else
        {
            set.Add($"{Keys.Gsi1Pk} = :p");
            set.Add($"{Keys.Gsi1Sk} = if_not_exists({Keys.Gsi1Sk}, :k)");
            values[":p"] = Codec.S(Keys.PendingShard(tenantId, uploadId));
            values[":k"] = Codec.S($"{Codec.Time(at)}#{tenantId}#{uploadId}");
        }
        var expression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : "");
        UpdateItemResponse response;
        try
        {
            response = await table.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = table.TableName,
                Key = TableClient.Key(pk, Keys.Meta),
                UpdateExpression = expression,
                ConditionExpression = "attribute_exists(PK)",
                ExpressionAttributeNames = new() { ["#status"] = "status", ["#updated"] = "updated", ["#reason"] = "reason" },
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new KeyNotFoundException($"upload {uploadId} of tenant {tenantId} does not exist");
        }
        if (!final) return;
        var expires = Codec.N(EpochSeconds(at + options.DocumentRetention));
        var chunks = (int)response.Attributes.GetN("chunks");
        for (var i = 0; i < chunks; i++)
        {
            try
            {
                await table.Client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = table.TableName,
                    Key = TableClient.Key(pk, Keys.Chunk(DocPrefix, i)),
                    UpdateExpression = "SET #ttl = :t",
                    ExpressionAttributeNames = new() { ["#ttl"] = Keys.Ttl },
                    ConditionExpression = "attribute_exists(PK)",
                    ExpressionAttributeValues = new() { [":t"] = expires },
                }, ct);
            }
            catch (ConditionalCheckFailedException)
            {
                // already expired and deleted: nothing to keep alive
            }
        }
    }

    /// <summary>
    /// Every shard (and the unsharded partition written before sharding) queried at once, merged oldest first as
    /// the single partition listed them (GSI1SK is "created#tenant#upload").
    /// </summary>
    public async Task<IReadOnlyList<UploadRecord>> ListPendingUploadsAsync(CancellationToken ct = default)
    {
        var partitions = Enumerable.Range(0, Keys.PendingShards).Select(Keys.PendingShard).Append(Keys.Pending);
        var shards = await Task.WhenAll(partitions.Select(async partition =>
        {
            var items = new List<Dictionary<string, AttributeValue>>();
            await foreach (var item in table.QueryAsync(new QueryRequest
            {
                IndexName = Keys.Gsi1,
                KeyConditionExpression = $"{Keys.Gsi1Pk} = :p",
                ExpressionAttributeValues = new() { [":p"] = Codec.S(partition) },
            }, ct))
                items.Add(item);
            return items;
        }));
        return shards.SelectMany(items => items)
            .OrderBy(item => item.GetS(Keys.Gsi1Sk), StringComparer.Ordinal)
            .Select(ReadUpload).ToList();
    }

    private static Dictionary<string, AttributeValue> UploadItem(UploadRecord upload, int chunks)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [Keys.Pk] = Codec.S(Keys.Upload(upload.TenantId, upload.UploadId)), [Keys.Sk] = Codec.S(Keys.Meta),
            [Keys.EntityType] = Codec.S(EntityTypes.Upload),
            ["tid"] = Codec.S(upload.TenantId), ["uid"] = Codec.S(upload.UploadId), ["digest"] = Codec.S(upload.ImageDigest),
            ["sha"] = Codec.S(upload.SbomSha256), ["status"] = Codec.S(upload.Status),
            ["created"] = Codec.S(Codec.Time(upload.CreatedAt)), ["updated"] = Codec.S(Codec.Time(upload.UpdatedAt)),
            ["chunks"] = Codec.N(chunks),
        };
        if (upload.Reason is not null) item["reason"] = Codec.S(upload.Reason);
        if (upload.Status is UploadStatuses.Queued or UploadStatuses.Analyzing)
        {
            item[Keys.Gsi1Pk] = Codec.S(Keys.PendingShard(upload.TenantId, upload.UploadId));
            item[Keys.Gsi1Sk] = Codec.S($"{Codec.Time(upload.CreatedAt)}#{upload.TenantId}#{upload.UploadId}");
        }
        return item;
    }

    private static UploadRecord ReadUpload(Dictionary<string, AttributeValue> item) => new()
    {
        TenantId = item.GetS("tid")!,
        UploadId = item.GetS("uid")!,
        ImageDigest = item.GetS("digest")!,
        SbomSha256 = item.GetS("sha")!,
        Status = item.GetS("status")!,
        Reason = item.GetS("reason"),
        CreatedAt = Codec.ParseTime(item.GetS("created")),
        UpdatedAt = Codec.ParseTime(item.GetS("updated")),
    };
}
