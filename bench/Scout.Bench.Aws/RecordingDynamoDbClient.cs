using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Scout.Bench.Aws;

/// <summary>A real client that also keeps every BatchWriteItem request, so the raw baseline writes exactly the same items.</summary>
internal sealed class RecordingDynamoDbClient(AmazonDynamoDBConfig config)
    : AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("bench", "bench"), config)
{
    public List<WriteRequest> Writes { get; } = [];
    public bool Recording { get; set; }

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        if (Recording) lock (Writes) Writes.AddRange(request.RequestItems.Single().Value);
        return base.BatchWriteItemAsync(request, cancellationToken);
    }
}
