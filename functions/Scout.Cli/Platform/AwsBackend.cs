using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;
using Scout.Core.Settings;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;

namespace Scout.Cli.Platform;

/// <summary>
/// DynamoDB store and SQS queue for `scout serve/provision --store dynamodb --queue sqs`. Regions and endpoints come
/// from AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS; a region outside US-East is refused (exit 2).
/// SCOUT_DYNAMODB_TABLE names the table (default "scout"); SCOUT_QUEUE_URL or SCOUT_SQS_QUEUE (default
/// "scout-analysis") the queue.
/// </summary>
public static class AwsBackend
{
    private static (IAmazonSQS Sqs, string Url)? openedQueue;

    public static Task<IScoutStore> OpenStoreAsync(CancellationToken ct) => Task.FromResult<IScoutStore>(NewStore());

    public static async Task<IWorkQueue> OpenQueueAsync(CancellationToken ct)
    {
        var sqs = SqsClientFactory.FromEnvironment();
        var url = ScoutSettings.Current.QueueUrl is { } configured
            ? configured
            : await QueueUrlAsync(sqs, ct);
        openedQueue = (sqs, url);
        return new SqsWorkQueue(sqs, url);
    }

    /// <summary>The local stand-in for the SQS event source mapping: the same SQS events and partial batch failures as on Lambda.</summary>
    public static IQueueConsumer Consumer(ScoutPlatform platform, Action<string> log) =>
        new SqsConsumer(openedQueue ?? throw new InvalidOperationException("the SQS queue is not open"), log);

    public static async Task ProvisionAsync(bool store, bool queue, TextWriter output, CancellationToken ct)
    {
        if (store)
        {
            var dynamo = NewStore();
            await dynamo.InitializeAsync(ct);
            output.WriteLine($"dynamodb: table {dynamo.TableName} with GSI1 and TTL ready");
        }
        if (queue)
        {
            var info = await SqsProvisioner.EnsureAsync(SqsClientFactory.FromEnvironment(), QueueName(), SqsProvisioner.DefaultFunctionTimeout, ct);
            output.WriteLine($"sqs: queue {info.QueueUrl} (dead-letter {info.DeadLetterQueueUrl}, maxReceiveCount {SqsProvisioner.MaxReceiveCount}) ready");
        }
    }

    private static DynamoDbScoutStore NewStore() => new(DynamoDbClientFactory.FromEnvironment(), new DynamoDbStoreOptions
    {
        TableName = ScoutSettings.Current.DynamoDbTable ?? DynamoDbStoreOptions.DefaultTableName,
    });

    private static string QueueName() =>
        ScoutSettings.Current.SqsQueueName ?? SqsProvisioner.DefaultQueueName;

    private static async Task<string> QueueUrlAsync(IAmazonSQS sqs, CancellationToken ct)
    {
        try
        {
            return (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = QueueName() }, ct)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            throw new CliUsageException($"--queue sqs: queue '{QueueName()}' does not exist; run `scout provision --queue sqs` first");
        }
    }

    private sealed class SqsConsumer((IAmazonSQS Sqs, string Url) queue, Action<string> log) : IQueueConsumer
    {
        public async Task RunAsync(ScoutPlatform platform, CancellationToken ct)
        {
            var recovered = await PendingUploadRecovery.RunAsync(platform.Store, new SqsWorkQueue(queue.Sqs, queue.Url), platform.Delivery, ct, platform.Options.Resilience);
            if (recovered.Enqueued > 0) log($"sqs: {recovered.Enqueued} pending upload(s) enqueued again");
            await new SqsQueueConsumer(queue.Sqs, queue.Url, platform.Delivery, log).RunAsync(ct);
        }
    }
}
