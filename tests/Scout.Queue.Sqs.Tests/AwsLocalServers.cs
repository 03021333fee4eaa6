using Amazon.Runtime;
using Amazon.SQS;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;
using Scout.Testing.Delivery;
using Scout.Testing.Servers;

namespace Scout.Queue.Sqs.Tests;

/// <summary>DynamoDB Local and moto_server (SQS), started once for the tests of this project.</summary>
public sealed class AwsLocalServers : IDisposable
{
    private readonly AwsDynamoDbLocalServer dynamo = new();
    private readonly AwsMotoServer moto = new();

    public IAmazonSQS Sqs() => SqsClientFactory.Create("us-east-1", moto.Endpoint, new BasicAWSCredentials("test", "test"));

    public DynamoDbScoutStore NewStore() => new(DynamoDbClientFactory.Create("us-east-1", dynamo.Endpoint, new BasicAWSCredentials("test", "test")),
        new DynamoDbStoreOptions { TableName = "scout-" + Guid.NewGuid().ToString("N")[..10] });

    /// <summary>A fresh queue + DLQ; the visibility timeout is six times <paramref name="functionTimeout"/>, as provisioned on AWS.</summary>
    public async Task<(IAmazonSQS Sqs, SqsQueueInfo Queue)> NewQueueAsync(TimeSpan functionTimeout)
    {
        var sqs = Sqs();
        return (sqs, await SqsProvisioner.EnsureAsync(sqs, "scout-" + Guid.NewGuid().ToString("N")[..10], functionTimeout));
    }

    /// <summary>What `scout serve --queue sqs` runs (functions/Scout.Cli/Platform/AwsBackend.cs): recovery, then the queue and DLQ pollers.</summary>
    public static QueueConsumer Consumer(IAmazonSQS sqs, SqsQueueInfo queue, int batchSize = 10) => async (platform, ct) =>
    {
        await PendingUploadRecovery.RunAsync(platform.Store, new SqsWorkQueue(sqs, queue.QueueUrl), platform.Delivery, ct, platform.Options.Resilience);
        await new SqsQueueConsumer(sqs, queue.QueueUrl, platform.Delivery, options: new SqsPollerOptions { WaitTimeSeconds = 1, BatchSize = batchSize }).RunAsync(ct);
    };

    public void Dispose()
    {
        dynamo.Dispose();
        moto.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AwsLocalServersCollection : ICollectionFixture<AwsLocalServers>
{
    public const string Name = "aws-local-servers";
}
