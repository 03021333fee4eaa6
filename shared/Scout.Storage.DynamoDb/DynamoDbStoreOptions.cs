namespace Scout.Storage.DynamoDb;

public sealed record DynamoDbStoreOptions
{
    public const string DefaultTableName = "scout";

    /// <summary>The single table holding every entity (SCOUT_DYNAMODB_TABLE overrides it on hosts).</summary>
    public string TableName { get; init; } = DefaultTableName;

    /// <summary>
    /// Whether InitializeAsync creates the table (and its TTL) when missing. Functions run with false: the deployment owns
    /// the table (template.yaml, infra/aws/ScoutStack.cs), and a cold function then makes no control-plane call, which
    /// DynamoDB rate-limits per account and which every concurrent cold start would otherwise repeat.
    /// </summary>
    public bool EnsureTable { get; init; } = true;

    /// <summary>How long an upload's raw document is kept after its analysis ended (DynamoDB TTL deletes it).</summary>
    public TimeSpan DocumentRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Largest binary payload per item; DynamoDB items cap at 400 KB including names and keys.</summary>
    public int ChunkBytes { get; init; } = 350_000;

    /// <summary>BatchWriteItem calls in flight at once for one large write.</summary>
    public int WriteConcurrency { get; init; } = 4;

    /// <summary>Retries of an optimistic write that lost a race with another writer of the same image.</summary>
    public int ConflictRetries { get; init; } = 5;
}
