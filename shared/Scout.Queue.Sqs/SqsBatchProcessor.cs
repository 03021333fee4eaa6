using System.Globalization;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Queue.Sqs;

/// <param name="Decision">null for a malformed body (no decision was asked for)</param>
public sealed record SqsMessageFailure(string MessageId, string Reason, bool Malformed)
{
    public DeliveryDecision? Decision { get; init; }
}

public sealed record SqsBatchResult(SqsBatchResponse Response, IReadOnlyList<SqsMessageFailure> Failures, int Succeeded)
{
    /// <summary>Every decision of the batch by message id (logs, tests).</summary>
    public IReadOnlyDictionary<string, DeliveryDecision> Decisions { get; init; } = new Dictionary<string, DeliveryDecision>();
}

/// <summary>
/// Translates an SQS batch onto the delivery policy (<see cref="IAnalysisDelivery"/>) with partial batch failure:
/// Ack → the message is deleted (by Lambda or the poller); Retry → listed in batchItemFailures, so it comes back after
/// its visibility timeout; DeadLetter → also listed, so the redrive policy moves it to the DLQ once its receive count
/// reaches maxReceiveCount (the policy marked the upload failed on that last attempt; the DLQ consumer catches the
/// rest). A malformed body is listed too and ends in the DLQ. The delivery count the policy sees is SQS's
/// ApproximateReceiveCount.
/// </summary>
public sealed class SqsBatchProcessor(IAnalysisDelivery delivery)
{
    public async Task<SqsBatchResult> ProcessAsync(SqsEvent sqsEvent, CancellationToken ct)
    {
        var failures = new List<SqsMessageFailure>();
        var decisions = new Dictionary<string, DeliveryDecision>(StringComparer.Ordinal);
        var succeeded = 0;
        foreach (var record in sqsEvent.Records)
        {
            if (ct.IsCancellationRequested)
            {
                failures.Add(new SqsMessageFailure(record.MessageId, "not attempted: the invocation ran out of time", false));
                continue;
            }
            AnalyzeImageMessage message;
            try
            {
                message = AnalyzeImageMessageCodec.Decode(record.Body);
            }
            catch (InputException e)
            {
                failures.Add(new SqsMessageFailure(record.MessageId, e.Message, true));
                continue;
            }
            var decision = await delivery.DeliverAsync(message, ReceiveCount(record), ct);
            decisions[record.MessageId] = decision;
            if (decision.Action == DeliveryAction.Ack) succeeded++;
            else failures.Add(new SqsMessageFailure(record.MessageId, decision.Reason ?? decision.Outcome, false) { Decision = decision });
        }
        return new SqsBatchResult(
            new SqsBatchResponse { BatchItemFailures = failures.Select(f => new SqsBatchItemFailure(f.MessageId)).ToList() },
            failures, succeeded) { Decisions = decisions };
    }

    /// <summary>ApproximateReceiveCount (1 on the first delivery); 0 when absent.</summary>
    public static int ReceiveCount(SqsMessage record) =>
        record.Attributes.TryGetValue("ApproximateReceiveCount", out var count) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
