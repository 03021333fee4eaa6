using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;
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
        var url = Environment.GetEnvironmentVariable("SCOUT_QUEUE_URL") is { Length: > 0 } configured
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
        TableName = Environment.GetEnvironmentVariable("SCOUT_DYNAMODB_TABLE") is { Length: > 0 } table ? table : DynamoDbStoreOptions.DefaultTableName,
    });

    private static string QueueName() =>
        Environment.GetEnvironmentVariable("SCOUT_SQS_QUEUE") is { Length: > 0 } name ? name : SqsProvisioner.DefaultQueueName;

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
            // uploads accepted but never enqueued (a crash between the two writes) go to the queue again; analysis is idempotent
            var producer = new SqsWorkQueue(queue.Sqs, queue.Url);
            foreach (var pending in await platform.Store.ListPendingUploadsAsync(ct))
                await producer.EnqueueAsync(new AnalyzeImageMessage(pending.TenantId, pending.UploadId), ct);
            var processor = new SqsBatchProcessor(async (message, token) =>
            {
                var outcome = await platform.QueueAnalysis.HandleAsync(message, token);
                log($"analysis {message.TenantId}/{message.UploadId}: {outcome.Status}{(outcome.Reason is null ? "" : " (" + outcome.Reason + ")")}");
            });
            var poller = new SqsLocalPoller(queue.Sqs, queue.Url, async (sqsEvent, token) =>
            {
                var result = await processor.ProcessAsync(sqsEvent, token);
                foreach (var failure in result.Failures)
                    log($"sqs message {failure.MessageId} {(failure.Malformed ? "is malformed" : "failed")}: {failure.Reason}; it will be retried or dead-lettered");
                return result.Response;
            }, log: log);
            await poller.RunAsync(ct);
        }
    }
}
