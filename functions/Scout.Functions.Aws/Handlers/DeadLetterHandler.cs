using System.Text.Json;
using Scout.Core.Ports;
using Scout.Functions.Aws.Runtime;
using Scout.Queue.Sqs;

namespace Scout.Functions.Aws.Handlers;

/// <summary>
/// The function on the dead-letter queue (template.yaml and infra/aws/ScoutStack.cs wire it): every message SQS
/// dead-lettered marks its upload failed with the reason, so no upload stays `analyzing` on AWS. Only a store fault
/// reports the message back (partial batch failure); it is retried.
/// </summary>
public sealed class DeadLetterHandler(IAnalysisDelivery delivery, JsonLog log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct)
    {
        var sqsEvent = JsonSerializer.Deserialize(invocation.Payload, SqsJson.Default.SqsEvent)
            ?? throw new JsonException("the event is not an SQS event");
        var result = await new SqsDeadLetterProcessor(delivery).ProcessAsync(sqsEvent, ct);
        foreach (var (messageId, decision) in result.Decisions)
        {
            var fields = new (string, object?)[] { ("messageId", messageId), ("outcome", decision.Outcome), ("reason", decision.Reason) };
            if (decision.Action == DeliveryAction.Retry || decision.Outcome == "dead-letter-unreadable") log.Error("dead letter", invocation.RequestId, fields);
            else log.Info("dead letter", invocation.RequestId, fields);
        }
        return JsonSerializer.SerializeToUtf8Bytes(result.Response, SqsJson.Default.SqsBatchResponse);
    }
}
