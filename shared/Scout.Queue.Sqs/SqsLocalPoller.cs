using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Residency;

namespace Scout.Queue.Sqs;

public sealed record SqsPollerOptions
{
    /// <summary>Long-poll wait per receive (SQS allows 0-20 s).</summary>
    public int WaitTimeSeconds { get; init; } = 20;
    /// <summary>Messages per batch (SQS allows 1-10), like an event source mapping's batch size.</summary>
    public int BatchSize { get; init; } = 10;
}

/// <summary>
/// What an SQS event source mapping does, for `scout serve --queue sqs`: receives messages, hands them to the
/// handler as the SQS event Lambda would deliver, deletes the ones not reported in batchItemFailures, and leaves
/// the failures to reappear after their visibility timeout (and reach the DLQ through the redrive policy).
/// </summary>
public sealed class SqsLocalPoller
{
    private readonly IAmazonSQS sqs;
    private readonly string queueUrl;
    private readonly Func<SqsEvent, CancellationToken, Task<SqsBatchResponse>> handler;
    private readonly SqsPollerOptions options;
    private readonly Action<string> log;
    private readonly string region;
    private string? queueArn;

    public SqsLocalPoller(IAmazonSQS sqs, string queueUrl, Func<SqsEvent, CancellationToken, Task<SqsBatchResponse>> handler,
        SqsPollerOptions? options = null, Action<string>? log = null)
    {
        region = AwsResidency.Require(SqsClientFactory.RegionOf(sqs), "SQS poller");
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.options = options ?? new SqsPollerOptions();
        this.log = log ?? (_ => { });
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is AmazonSQSException or HttpRequestException)
            {
                log($"sqs poller: receive failed, retrying: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>One receive-handle-delete round; returns how many messages were received.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        queueArn ??= (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = [QueueAttributeName.QueueArn] }, ct)).QueueARN;
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = options.BatchSize,
            WaitTimeSeconds = options.WaitTimeSeconds,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        }, ct);
        var messages = received.Messages ?? [];
        if (messages.Count == 0) return 0;

        var sqsEvent = new SqsEvent { Records = messages.Select(ToRecord).ToList() };
        SqsBatchResponse response;
        try
        {
            response = await handler(sqsEvent, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // like a Lambda invocation error: the whole batch comes back after the visibility timeout
            log($"sqs poller: handler failed for the whole batch of {messages.Count}: {e.Message}");
            return messages.Count;
        }
        var failed = response.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (done.Count > 0)
        {
            var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
            }, ct);
            foreach (var f in deleted.Failed ?? []) log($"sqs poller: delete failed ({f.Code}): {f.Message}");
        }
        return messages.Count;
    }

    private SqsMessage ToRecord(Message m) => new()
    {
        MessageId = m.MessageId,
        ReceiptHandle = m.ReceiptHandle,
        Body = m.Body,
        Md5OfBody = m.MD5OfBody,
        Attributes = m.Attributes ?? new Dictionary<string, string>(),
        MessageAttributes = (m.MessageAttributes ?? []).ToDictionary(kv => kv.Key, kv => new SqsMessageAttribute
        {
            DataType = kv.Value.DataType,
            StringValue = kv.Value.StringValue,
            BinaryValue = kv.Value.BinaryValue is { } b ? Convert.ToBase64String(b.ToArray()) : null,
        }),
        EventSource = "aws:sqs",
        EventSourceArn = queueArn,
        AwsRegion = region,
    };
}
