using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>Creates the single table (PK/SK, the overloaded sparse GSI1, TTL on "ttl") when it is missing.</summary>
internal static class TableSchema
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        if (!await ExistsAsync(client, tableName, ct))
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
        await WaitActiveAsync(client, tableName, ct);
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

    private static async Task<bool> ExistsAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        try
        {
            await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, ct);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    private static async Task WaitActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, ct)).Table;
            var indexesActive = (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);
            if (table.TableStatus == TableStatus.ACTIVE && indexesActive) return;
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
        throw new TimeoutException($"DynamoDB table {tableName} did not become ACTIVE within 60 s");
    }
}
