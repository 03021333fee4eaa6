using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Queue.Sqs;

/// <summary>
/// The consumer of the dead-letter queue (the DeadLetter Lambda function, and the local poller of `scout serve --queue
/// sqs`): each message SQS gave up on marks its upload failed through the delivery policy, unless the upload ended
/// meanwhile. Only a store fault keeps a message (batchItemFailures: it comes back); a body that names no upload is
/// acknowledged and reported, since there is nothing to record it on.
/// </summary>
public sealed class SqsDeadLetterProcessor(IAnalysisDelivery delivery)
{
    public async Task<SqsBatchResult> ProcessAsync(SqsEvent sqsEvent, CancellationToken ct)
    {
        var failures = new List<SqsMessageFailure>();
        var decisions = new Dictionary<string, DeliveryDecision>(StringComparer.Ordinal);
        var succeeded = 0;
        foreach (var record in sqsEvent.Records)
        {
            AnalyzeImageMessage message;
            try
            {
                message = AnalyzeImageMessageCodec.Decode(record.Body);
            }
            catch (InputException e)
            {
                decisions[record.MessageId] = DeliveryDecision.Ack("dead-letter-unreadable", e.Message);
                succeeded++;
                continue;
            }
            var reason = $"analysis did not succeed in {DeliveryPolicy.MaxAttempts} deliveries; message {record.MessageId} reached the dead-letter queue";
            var decision = await delivery.DeadLetteredAsync(message, reason, ct);
            decisions[record.MessageId] = decision;
            if (decision.Action == DeliveryAction.Ack) succeeded++;
            else failures.Add(new SqsMessageFailure(record.MessageId, decision.Reason ?? decision.Outcome, false) { Decision = decision });
        }
        return new SqsBatchResult(
            new SqsBatchResponse { BatchItemFailures = failures.Select(f => new SqsBatchItemFailure(f.MessageId)).ToList() },
            failures, succeeded) { Decisions = decisions };
    }
}
