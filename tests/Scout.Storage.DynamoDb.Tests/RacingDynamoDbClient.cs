using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>
/// A real client that runs a given action just before the first UpdateItem it forwards: another writer slipping
/// in between a re-overlay's read and its conditional publish.
/// </summary>
internal sealed class RacingDynamoDbClient(IAmazonDynamoDB inner, Func<Task> beforeFirstUpdate)
    : AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("test", "test"), (AmazonDynamoDBConfig)inner.Config)
{
    private int raced;

    public override async Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref raced, 1) == 0) await beforeFirstUpdate();
        return await inner.UpdateItemAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
