using Amazon.Runtime;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

namespace Scout.Functions.Aws.Tests;

/// <summary>DynamoDB Local and moto_server (for SQS), started once for the end-to-end tests.</summary>
public sealed class AwsServersFixture : IDisposable
{
    private readonly AwsDynamoDbLocalServer dynamo = new();
    private readonly AwsMotoServer moto = new();

    public Amazon.DynamoDBv2.IAmazonDynamoDB Dynamo() =>
        DynamoDbClientFactory.Create("us-east-1", dynamo.Endpoint, new BasicAWSCredentials("test", "test"));

    public Amazon.SQS.IAmazonSQS Sqs() => SqsClientFactory.Create("us-east-1", moto.Endpoint, new BasicAWSCredentials("test", "test"));

    public void Dispose()
    {
        dynamo.Dispose();
        moto.Dispose();
    }
}
