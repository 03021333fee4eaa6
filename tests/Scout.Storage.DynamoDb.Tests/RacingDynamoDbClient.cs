using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>
/// A real client that runs a given action just before the first call of one kind it forwards: another writer slipping
/// in between a re-overlay's read and its conditional publish (UpdateItem), or before a save's head publish (PutItem).
/// </summary>
internal sealed class RacingDynamoDbClient(IAmazonDynamoDB inner, Func<Task> beforeFirst, RacingDynamoDbClient.Call raced = RacingDynamoDbClient.Call.UpdateItem)
    : AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("test", "test"), (AmazonDynamoDBConfig)inner.Config)
{
    public enum Call { UpdateItem, PutItem }

    private int done;

    private async Task RaceAsync(Call call)
    {
        if (call == raced && Interlocked.Exchange(ref done, 1) == 0) await beforeFirst();
    }

    public override async Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        await RaceAsync(Call.UpdateItem);
        return await inner.UpdateItemAsync(request, cancellationToken);
    }

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        await RaceAsync(Call.PutItem);
        return await inner.PutItemAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
