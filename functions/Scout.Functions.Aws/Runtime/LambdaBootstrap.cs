using Scout.Functions.Aws.Handlers;

namespace Scout.Functions.Aws.Runtime;

/// <summary>
/// The custom runtime loop: initialize once (reporting an init error if that fails), then for each invocation
/// run the handler under a token that fires shortly before the invocation deadline, and post its response or error.
/// </summary>
public sealed class LambdaBootstrap(LambdaRuntimeClient runtime, JsonLog log)
{
    /// <summary>Time kept back from the deadline to report partial results (e.g. unprocessed SQS messages).</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(2);

    /// <returns>1 when initialization failed (after reporting it) or the Runtime API went away, 0 when stopped or after
    /// <paramref name="maxInvocations"/>.</returns>
    public async Task<int> RunAsync(Func<CancellationToken, Task<ILambdaHandler>> initialize, CancellationToken ct, int? maxInvocations = null)
    {
        ILambdaHandler handler;
        try
        {
            handler = await initialize(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.Error("initialization failed", null, ("error", e.GetType().Name), ("detail", e.Message));
            await runtime.ReportInitErrorAsync(e, ct);
            return 1;
        }
        log.Info("initialized");
        for (var served = 0; maxInvocations is null || served < maxInvocations; served++)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await runtime.NextAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (HttpRequestException e)
            {
                // The Runtime API is gone (the sandbox is being torn down): exit plainly rather than crash.
                log.Error("runtime API unreachable", null, ("error", e.GetType().Name), ("detail", e.Message));
                return 1;
            }
            if (invocation.TraceId is not null) Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (invocation.Deadline is { } at)
                deadline.CancelAfter(Max(TimeSpan.Zero, at - DateTimeOffset.UtcNow - DeadlineMargin));
            byte[] response;
            try
            {
                response = await handler.HandleAsync(invocation, deadline.Token);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.Error("invocation failed", invocation.RequestId, ("error", e.GetType().Name), ("detail", e.Message));
                await runtime.ReportInvocationErrorAsync(invocation.RequestId, e, ct);
                continue;
            }
            await runtime.RespondAsync(invocation.RequestId, response, ct);
        }
        return 0;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
