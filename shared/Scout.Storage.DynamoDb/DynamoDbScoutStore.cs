using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Residency;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// IScoutStore on one DynamoDB table (layout in <see cref="Keys"/>). Refuses a client whose region is outside
/// US-East at construction. Large payloads (upload documents, package and finding lists, big advisories) are
/// compressed and chunked across items under the 400 KB item limit; image writes are generation-stamped and
/// published by one conditional write of the image head, so readers never see half an analysis.
/// </summary>
public sealed partial class DynamoDbScoutStore : IScoutStore
{
    private readonly TableClient table;
    private readonly DynamoDbStoreOptions options;

    public DynamoDbScoutStore(IAmazonDynamoDB client, DynamoDbStoreOptions? options = null)
    {
        AwsResidency.Require(DynamoDbClientFactory.RegionOf(client), "DynamoDB store");
        this.options = options ?? new DynamoDbStoreOptions();
        if (this.options.ChunkBytes is < 1024 or > 380_000)
            throw new ArgumentOutOfRangeException(nameof(options), "ChunkBytes must leave room under DynamoDB's 400 KB item limit");
        table = new TableClient(client, this.options.TableName, Math.Max(1, this.options.WriteConcurrency));
    }

    public string TableName => table.TableName;

    /// <summary>How many BatchWriteItem calls had UnprocessedItems to retry so far.</summary>
    public int UnprocessedRetries => table.UnprocessedRetries;

    internal TableClient Table => table;

    public Task InitializeAsync(CancellationToken ct = default) =>
        options.EnsureTable ? TableSchema.EnsureAsync(table.Client, table.TableName, ct) : Task.CompletedTask;

    public async Task<string?> GetCursorAsync(string feedKey, CancellationToken ct = default) =>
        (await table.GetAsync(Keys.Cursor(feedKey), Keys.Meta, ct))?.GetS("cursor");

    public Task SetCursorAsync(string feedKey, string cursor, CancellationToken ct = default) =>
        table.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table.TableName,
            Item = new()
            {
                [Keys.Pk] = Codec.S(Keys.Cursor(feedKey)), [Keys.Sk] = Codec.S(Keys.Meta),
                [Keys.EntityType] = Codec.S(EntityTypes.Cursor), ["cursor"] = Codec.S(cursor),
            },
        }, ct);

    private static bool IsConditionFailure(TransactionCanceledException e) =>
        e.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true;

    private static long EpochSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds();
}
