using System.Text.Json;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Functions.Aws.Runtime;
using Scout.Queue.Sqs;

namespace Scout.Functions.Aws.Handlers;

/// <summary>
/// SQS batch -> the queue analysis use case, with partial batch failure (the event source mapping has
/// ReportBatchItemFailures): only messages that were malformed or hit a transient fault are retried.
/// </summary>
public sealed class QueueAnalysisHandler : ILambdaHandler
{
    private readonly JsonLog log;
    private readonly Func<AnalyzeImageMessage, CancellationToken, Task<AnalysisOutcome>> analyze;

    public QueueAnalysisHandler(Func<AnalyzeImageMessage, CancellationToken, Task<AnalysisOutcome>> analyze, JsonLog log)
    {
        this.analyze = analyze;
        this.log = log;
    }

    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct)
    {
        var sqsEvent = JsonSerializer.Deserialize(invocation.Payload, SqsJson.Default.SqsEvent)
            ?? throw new JsonException("the event is not an SQS event");
        var response = await ProcessAsync(sqsEvent, invocation.RequestId, ct);
        return JsonSerializer.SerializeToUtf8Bytes(response, SqsJson.Default.SqsBatchResponse);
    }

    /// <summary>Also what the local SQS poller calls, so `scout serve --queue sqs` runs the same code.</summary>
    public async Task<SqsBatchResponse> ProcessAsync(SqsEvent sqsEvent, string? requestId, CancellationToken ct)
    {
        var processor = new SqsBatchProcessor(async (message, token) =>
        {
            var outcome = await analyze(message, token);
            log.Info("analysis", requestId, ("tenantId", message.TenantId), ("uploadId", message.UploadId),
                ("outcome", outcome.Status.ToString()), ("reason", outcome.Reason));
        });
        var result = await processor.ProcessAsync(sqsEvent, ct);
        foreach (var failure in result.Failures)
        {
            var record = sqsEvent.Records.First(r => r.MessageId == failure.MessageId);
            log.Error(failure.Malformed ? "malformed message: it will reach the dead-letter queue" : "analysis failed: message will be retried",
                requestId, ("messageId", failure.MessageId), ("reason", failure.Reason),
                ("receiveCount", record.Attributes.GetValueOrDefault("ApproximateReceiveCount")));
        }
        log.Info("batch", requestId, ("messages", sqsEvent.Records.Count), ("succeeded", result.Succeeded), ("failed", result.Failures.Count));
        return result.Response;
    }
}
