using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>Creates the single table (PK/SK, the overloaded sparse GSI1, TTL on "ttl") when it is missing.</summary>
internal static class TableSchema
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        // One DescribeTable on a warm path: every cold function runs this, and control-plane calls are few per second.
        var existing = await DescribeAsync(client, tableName, ct);
        if (existing is null)
        {
            try
            {
                await client.CreateTableAsync(Definition(tableName), ct);
            }
            catch (ResourceInUseException)
            {
                // another process created it first: fine, wait for it below
            }
        }
        if (existing is null || !IsActive(existing)) await WaitActiveAsync(client, tableName, ct);
        var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = tableName }, ct);
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus != TimeToLiveStatus.ENABLED
            && ttl.TimeToLiveDescription?.TimeToLiveStatus != TimeToLiveStatus.ENABLING)
        {
            await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = Keys.Ttl, Enabled = true },
            }, ct);
        }
    }

    public static CreateTableRequest Definition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(Keys.Pk, ScalarAttributeType.S),
            new AttributeDefinition(Keys.Sk, ScalarAttributeType.S),
            new AttributeDefinition(Keys.Gsi1Pk, ScalarAttributeType.S),
            new AttributeDefinition(Keys.Gsi1Sk, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(Keys.Pk, KeyType.HASH), new KeySchemaElement(Keys.Sk, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = Keys.Gsi1,
                KeySchema = [new KeySchemaElement(Keys.Gsi1Pk, KeyType.HASH), new KeySchemaElement(Keys.Gsi1Sk, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, ct)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);

    private static async Task WaitActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, ct)).Table;
            if (IsActive(table)) return;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        throw new TimeoutException($"DynamoDB table {tableName} did not become ACTIVE within 60 s");
    }
}
