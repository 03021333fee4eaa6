using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>
/// A real client to DynamoDB Local that, like a throttled table, processes only the first few requests of each
/// BatchWriteItem and hands the rest back as UnprocessedItems.
/// </summary>
internal sealed class ThrottlingDynamoDbClient(IAmazonDynamoDB inner, int acceptPerCall)
    : AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("test", "test"), (AmazonDynamoDBConfig)inner.Config)
{
    public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        var (table, requests) = request.RequestItems.Single();
        var accepted = requests.Take(acceptPerCall).ToList();
        var rest = requests.Skip(acceptPerCall).ToList();
        await inner.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = accepted } }, cancellationToken);
        return new BatchWriteItemResponse { UnprocessedItems = rest.Count > 0 ? new() { [table] = rest } : new() };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
