using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Sqlite;
using Scout.Testing.Delivery;

namespace Scout.Hosting.Tests;

/// <summary>A poison upload on the embedded default ends failed with the reason and is never picked up again.</summary>
public sealed class EmbeddedPoisonTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-poison-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_poison_upload_ends_failed_with_the_reason_and_a_restart_does_not_pick_it_up_again()
    {
        var store = new SqliteScoutStore(directory);
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance) { RedeliveryDelay = _ => TimeSpan.FromMilliseconds(20) };
        var result = await PoisonRun.RunAsync(store, queue, async (platform, ct) =>
        {
            queue.ReleaseLeases();
            await PendingUploadRecovery.RunAsync(platform.Store, queue, platform.Delivery, ct, platform.Options.Resilience);
            await new SqliteQueueWorker(queue, platform.Delivery).RunAsync(ct);
        }, TimeSpan.FromMinutes(2));

        Assert.Equal(UploadStatuses.Done, result.Good.Status);
        Assert.Equal(UploadStatuses.Failed, result.Poison.Status);
        Assert.Contains($"analysis failed on {DeliveryPolicy.MaxAttempts} deliveries", result.Poison.Reason);
        Assert.Contains("TimeoutException", result.Poison.Reason);
        Assert.Equal(DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts, result.PoisonedCalls);
        // restarted: nothing pending, the poison message stays dead, the upload keeps its reason
        Assert.Equal(0, result.Recovery.Pending);
        Assert.Equal(result.PoisonedCalls, result.PoisonedCallsAfterRestart);
        Assert.Equal(result.Poison.Reason, result.PoisonAfterRestart.Reason);
        Assert.Equal(UploadStatuses.Failed, result.PoisonAfterRestart.Status);
        Assert.Equal(result.Poison.UploadId, Assert.Single(queue.DeadLetters()).Message.UploadId);
        Assert.Equal(0, queue.PendingCount());
    }
}
