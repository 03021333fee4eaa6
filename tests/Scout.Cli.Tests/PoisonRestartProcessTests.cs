using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Sqlite;
using Scout.Testing.Delivery;

namespace Scout.Cli.Tests;

/// <summary>
/// A poison upload dead-lettered on the embedded default (the data folder `scout serve` uses, consumed the way it consumes
/// it) is not picked up again by a restarted `scout serve`: the upload stays failed with its reason and no analysis of it
/// is attempted. (A real `scout serve` cannot be handed the poison normalizer, so the first run is in process.)
/// </summary>
public sealed class PoisonRestartProcessTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-poison-serve-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task A_restarted_scout_serve_does_not_pick_up_a_dead_lettered_poison_upload()
    {
        var store = new SqliteScoutStore(data);
        var queue = new SqliteWorkQueue(new SqliteDatabase(data, "queue.db"), SystemClock.Instance) { RedeliveryDelay = _ => TimeSpan.FromMilliseconds(20) };
        var result = await PoisonRun.RunAsync(store, queue, async (platform, ct) =>
        {
            await Scout.Cli.Platform.EmbeddedQueueStart.RecoverAsync(queue, platform, _ => { }, ct);
            await new SqliteQueueWorker(queue, platform.Delivery).RunAsync(ct);
        }, TimeSpan.FromMinutes(2));
        Assert.Equal(UploadStatuses.Failed, result.Poison.Status);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (server, address) = await ScoutProcess.ServeAsync(data);
        using (server)
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // recovery ran and the worker is idle
            Assert.DoesNotContain(result.Poison.UploadId, server.Stderr);
            using var http = new HttpClient { BaseAddress = address };
            Assert.Equal(200, (int)(await http.GetAsync("/healthz")).StatusCode);
        }
        var upload = (await new SqliteScoutStore(data).GetUploadAsync(result.Poison.TenantId, result.Poison.UploadId))!;
        Assert.Equal((UploadStatuses.Failed, result.Poison.Reason), (upload.Status, upload.Reason));
        Assert.Single(new SqliteWorkQueue(new SqliteDatabase(data, "queue.db"), SystemClock.Instance).DeadLetters());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
