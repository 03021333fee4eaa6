using System.Text.Json;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Runtime;

namespace Scout.Functions.Aws.Handlers;

/// <summary>EventBridge schedule -> one incremental advisory refresh (the cursor advances only after success).</summary>
public sealed class AdvisoryRefreshHandler(Func<CancellationToken, Task<AdvisoryRefreshResult>> refresh, JsonLog log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct)
    {
        var scheduled = JsonSerializer.Deserialize(invocation.Payload, LambdaJson.Default.ScheduledEvent);
        log.Info("advisory refresh started", invocation.RequestId, ("scheduledAt", scheduled?.Time?.ToString("O")), ("rule", scheduled?.Resources.FirstOrDefault()));
        var result = await refresh(ct);
        log.Info("advisory refresh done", invocation.RequestId, ("advisoriesChanged", result.AdvisoriesChanged),
            ("imagesReoverlaid", result.ImagesReoverlaid), ("findingsAdded", result.FindingsAdded), ("findingsChanged", result.FindingsChanged),
            ("findingsResolved", result.FindingsResolved), ("elapsedMs", result.ElapsedMs));
        return JsonSerializer.SerializeToUtf8Bytes(result, LambdaJson.Default.AdvisoryRefreshResult);
    }
}
