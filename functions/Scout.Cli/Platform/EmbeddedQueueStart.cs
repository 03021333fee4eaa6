using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Cli.Platform;

/// <summary>
/// What `scout serve` does with the embedded queue before its worker starts (tests run the same steps to "restart"):
/// leases of a crashed predecessor are released, and pending uploads are recovered (enqueued again, or marked failed
/// when their message is dead) by the shared recovery (Scout.Hosting/Delivery/PendingUploadRecovery.cs).
/// </summary>
public static class EmbeddedQueueStart
{
    public static async Task<RecoveryReport> RecoverAsync(SqliteWorkQueue queue, ScoutPlatform platform, Action<string> log, CancellationToken ct)
    {
        var released = queue.ReleaseLeases();
        if (released > 0) log($"queue: {released} message(s) left in flight by a previous run are delivered again");
        var recovered = await PendingUploadRecovery.RunAsync(platform.Store, queue, platform.Delivery, ct, platform.Options.Resilience);
        if (recovered.Enqueued + recovered.MarkedFailed > 0)
            log($"queue: {recovered.Enqueued} pending upload(s) enqueued again, {recovered.MarkedFailed} with a dead message marked failed");
        return recovered;
    }
}
