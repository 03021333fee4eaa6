using Scout.Core.Ports;

namespace Scout.Queue.Sqs;

public sealed record SqsMessageFailure(string MessageId, string Reason, bool Malformed);

public sealed record SqsBatchResult(SqsBatchResponse Response, IReadOnlyList<SqsMessageFailure> Failures, int Succeeded);

/// <summary>
/// Turns an SQS batch into analysis calls with partial batch failure: a message whose handler completes is
/// done (deleted by Lambda or the poller); a message whose body is malformed or whose handler throws is listed
/// in batchItemFailures and comes back after its visibility timeout, until maxReceiveCount sends it to the DLQ.
/// The handler itself decides what is permanent (it records the failure and returns) and what is transient (it throws).
/// </summary>
public sealed class SqsBatchProcessor(Func<AnalyzeImageMessage, CancellationToken, Task> handle)
{
    public async Task<SqsBatchResult> ProcessAsync(SqsEvent sqsEvent, CancellationToken ct)
    {
        var failures = new List<SqsMessageFailure>();
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
                message = AnalyzeImageMessages.Parse(record.Body);
            }
            catch (InputException e)
            {
                failures.Add(new SqsMessageFailure(record.MessageId, e.Message, true));
                continue;
            }
            try
            {
                await handle(message, ct);
                succeeded++;
            }
            catch (Exception e)
            {
                failures.Add(new SqsMessageFailure(record.MessageId, $"{e.GetType().Name}: {e.Message}", false));
            }
        }
        return new SqsBatchResult(
            new SqsBatchResponse { BatchItemFailures = failures.Select(f => new SqsBatchItemFailure(f.MessageId)).ToList() },
            failures, succeeded);
    }
}
