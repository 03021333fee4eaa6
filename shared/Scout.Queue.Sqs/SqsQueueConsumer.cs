using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;

namespace Scout.Queue.Sqs;

/// <summary>
/// What AWS runs for the analysis queue, on one machine (`scout serve --queue sqs`, tests): a poller that stands in for
/// the QueueAnalysis event source mapping and one that stands in for the DeadLetter function's mapping on the DLQ
/// named by the queue's redrive policy. Both translate SQS onto the same delivery policy as the Lambda functions.
/// </summary>
public sealed class SqsQueueConsumer(IAmazonSQS sqs, string queueUrl, IAnalysisDelivery delivery, Action<string>? log = null, SqsPollerOptions? options = null)
{
    private readonly Action<string> log = log ?? (_ => { });

    public async Task RunAsync(CancellationToken ct)
    {
        var analysis = new SqsBatchProcessor(delivery);
        var deadLetters = new SqsDeadLetterProcessor(delivery);
        var poller = new SqsLocalPoller(sqs, queueUrl, (e, token) => ProcessAsync(analysis.ProcessAsync, e, token), options, log);
        var dlqUrl = await DeadLetterQueueUrlAsync(sqs, queueUrl, ct);
        var dlqPoller = dlqUrl is null ? null : new SqsLocalPoller(sqs, dlqUrl, (e, token) => ProcessAsync(deadLetters.ProcessAsync, e, token), options, log);
        await Task.WhenAll(poller.RunAsync(ct), dlqPoller?.RunAsync(ct) ?? Task.CompletedTask);
    }

    private async Task<SqsBatchResponse> ProcessAsync(Func<SqsEvent, CancellationToken, Task<SqsBatchResult>> process, SqsEvent sqsEvent, CancellationToken ct)
    {
        var result = await process(sqsEvent, ct);
        foreach (var (id, decision) in result.Decisions)
            log($"sqs message {id}: {decision.Outcome}{(decision.Reason is null ? "" : " (" + decision.Reason + ")")}");
        foreach (var failure in result.Failures.Where(f => f.Malformed))
            log($"sqs message {failure.MessageId} is malformed: {failure.Reason}; it will reach the dead-letter queue");
        return result.Response;
    }

    /// <summary>The DLQ named by the queue's redrive policy (null when it has none).</summary>
    public static async Task<string?> DeadLetterQueueUrlAsync(IAmazonSQS sqs, string queueUrl, CancellationToken ct)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = [QueueAttributeName.RedrivePolicy] }, ct);
        if (attributes.Attributes?.GetValueOrDefault(QueueAttributeName.RedrivePolicy) is not { } policy) return null;
        using var json = System.Text.Json.JsonDocument.Parse(policy);
        var arn = json.RootElement.GetProperty("deadLetterTargetArn").GetString()!;
        return (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = arn[(arn.LastIndexOf(':') + 1)..] }, ct)).QueueUrl;
    }
}
