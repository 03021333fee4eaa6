using System.Text.Json;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Functions.Aws.Runtime;
using Scout.Queue.Sqs;

namespace Scout.Functions.Aws.Handlers;

/// <summary>
/// SQS batch -> the delivery policy, with partial batch failure (the event source mapping has
/// ReportBatchItemFailures): only messages that were malformed, hit a transient fault or are to be dead-lettered
/// are listed, so SQS redelivers them and its redrive policy moves them to the DLQ at maxReceiveCount.
/// The batch line says how many advisory store reads the batch needed and how long they took (advisoryReads: the
/// index's running totals), so a cold start's cost is visible in the logs.
/// </summary>
public sealed class QueueAnalysisHandler(IAnalysisDelivery delivery, JsonLog log, Func<(long Calls, TimeSpan Time)>? advisoryReads = null) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct)
    {
        var sqsEvent = JsonSerializer.Deserialize(invocation.Payload, SqsJson.Default.SqsEvent)
            ?? throw new JsonException("the event is not an SQS event");
        var response = await ProcessAsync(sqsEvent, invocation.RequestId, ct);
        return JsonSerializer.SerializeToUtf8Bytes(response, SqsJson.Default.SqsBatchResponse);
    }

    public async Task<SqsBatchResponse> ProcessAsync(SqsEvent sqsEvent, string? requestId, CancellationToken ct)
    {
        var readsBefore = advisoryReads?.Invoke();
        var result = await new SqsBatchProcessor(delivery).ProcessAsync(sqsEvent, ct);
        foreach (var record in sqsEvent.Records)
        {
            var receiveCount = record.Attributes.GetValueOrDefault("ApproximateReceiveCount");
            if (result.Decisions.TryGetValue(record.MessageId, out var decision))
            {
                var message = AnalyzeImageMessageCodec.Decode(record.Body); // parsed before: only parsed messages have a decision
                var fields = new (string, object?)[] { ("messageId", record.MessageId), ("tenantId", message.TenantId), ("uploadId", message.UploadId),
                    ("outcome", decision.Outcome), ("reason", decision.Reason), ("receiveCount", receiveCount) };
                if (decision.Action == DeliveryAction.Ack) log.Info("analysis", requestId, fields);
                else log.Error(decision.Action == DeliveryAction.Retry ? "analysis failed: message will be retried" : "analysis gave up: message goes to the dead-letter queue", requestId, fields);
            }
        }
        foreach (var failure in result.Failures.Where(f => f.Decision is null))
            log.Error(failure.Malformed ? "malformed message: it will reach the dead-letter queue" : "message not attempted: it will be retried",
                requestId, ("messageId", failure.MessageId), ("reason", failure.Reason));
        var readsAfter = advisoryReads?.Invoke();
        log.Info("batch", requestId, ("messages", sqsEvent.Records.Count), ("succeeded", result.Succeeded), ("failed", result.Failures.Count),
            ("advisoryStoreReads", readsAfter?.Calls - readsBefore?.Calls),
            ("advisoryReadMs", readsAfter is { } after && readsBefore is { } before ? Math.Round((after.Time - before.Time).TotalMilliseconds, 1) : null));
        return result.Response;
    }
}
