using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>A delivery policy over a handler, for transport tests: the handler returning is Ack, throwing is Retry.</summary>
public sealed class FuncDelivery(Func<AnalyzeImageMessage, CancellationToken, Task> handle) : IAnalysisDelivery
{
    public async Task<DeliveryDecision> DeliverAsync(AnalyzeImageMessage message, int attempt, CancellationToken ct = default)
    {
        try
        {
            await handle(message, ct);
            return DeliveryDecision.Ack("done");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DeliveryDecision.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    public Task<DeliveryDecision> DeadLetteredAsync(AnalyzeImageMessage message, string reason, CancellationToken ct = default) =>
        Task.FromResult(DeliveryDecision.Ack("dead-lettered", reason));
}
