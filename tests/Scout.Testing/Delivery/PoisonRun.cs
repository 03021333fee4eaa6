using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Sbom;
using Scout.Testing.Fakes;

namespace Scout.Testing.Delivery;

/// <param name="Poison">the poison upload after the first run</param>
/// <param name="PoisonAfterRestart">the same upload after recovery and a second run of the consumer (a restart)</param>
public sealed record PoisonRunResult(UploadRecord Poison, UploadRecord Good, UploadRecord PoisonAfterRestart, int PoisonedCalls,
    int PoisonedCallsAfterRestart, RecoveryReport Recovery);

/// <summary>
/// Issue 12's poison upload on one backend: an SBOM that always throws a transient fault is uploaded beside a good one;
/// the backend's own consumer runs until both end; then the consumer is "restarted" (recovery at start, a second run)
/// over new platform objects on the same store and queue, and the poison upload must not be picked up again.
/// </summary>
public static class PoisonRun
{
    public static async Task<PoisonRunResult> RunAsync(IScoutStore store, IWorkQueue queue, QueueConsumer consume, TimeSpan timeout,
        ScoutOptions? options = null, TimeSpan? settle = null)
    {
        options ??= new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(5)) };
        await store.InitializeAsync();
        var normalizer = new PoisonNormalizer(new SbomNormalizer());
        var components = UploadCorpus.Components() with { Normalizer = normalizer };
        var platform = ScoutPlatform.Create(store, queue, components, options);
        var (tenant, key) = await platform.Keys.CreateTenantAsync("poison");
        var poisonId = await FaultRun.UploadAsync(platform, key, PoisonNormalizer.Envelope("sha256:" + new string('9', 64)), "poison upload");
        var goodId = await FaultRun.UploadAsync(platform, key, UploadCorpus.Envelope(1), "good upload");

        var (poison, good) = await RunUntilAsync(platform, consume, timeout, async () =>
        {
            var p = await store.GetUploadAsync(tenant.TenantId, poisonId);
            var g = await store.GetUploadAsync(tenant.TenantId, goodId);
            return p?.Status is UploadStatuses.Failed && g?.Status is UploadStatuses.Done or UploadStatuses.Failed ? (p, g) : null;
        }, settle ?? TimeSpan.FromSeconds(3));
        var calls = normalizer.PoisonedCalls;

        // The restart: new objects over the same store and queue, recovery at start, then the consumer again for a while.
        var restarted = ScoutPlatform.Create(store, queue, components, options);
        var recovery = await PendingUploadRecovery.RunAsync(store, queue, restarted.Delivery, default, options.Resilience);
        using (var stop = new CancellationTokenSource(settle ?? TimeSpan.FromSeconds(3)))
        {
            try { await consume(restarted, stop.Token); } catch (OperationCanceledException) { }
        }
        var after = (await store.GetUploadAsync(tenant.TenantId, poisonId))!;
        return new PoisonRunResult(poison, good, after, calls, normalizer.PoisonedCalls, recovery);
    }

    private static async Task<(UploadRecord, UploadRecord)> RunUntilAsync(ScoutPlatform platform, QueueConsumer consume, TimeSpan timeout,
        Func<Task<(UploadRecord, UploadRecord)?>> ended, TimeSpan settle)
    {
        using var stop = new CancellationTokenSource();
        var consumer = Task.Run(() => consume(platform, stop.Token));
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            while (true)
            {
                if (consumer.IsCompleted) await consumer;
                if (await ended() is { } both)
                {
                    await Task.Delay(settle); // the dead-letter consumer sees the message too
                    return both;
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the poison and the good upload did not both end in {timeout}");
                await Task.Delay(250);
            }
        }
        finally
        {
            stop.Cancel();
            try { await consumer; } catch (OperationCanceledException) { }
        }
    }
}
