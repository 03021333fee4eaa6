using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using Scout.Testing.Delivery;
using Xunit.Abstractions;

namespace Scout.Hosting.Tests;

/// <summary>Issue 12's fault-injection proof on the embedded default (SQLite store + durable SQLite queue).</summary>
public sealed class EmbeddedFaultInjectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-faults-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    // Known failure after the wave-2 merge (post-save hooks: base-image links, trend, policy): a few of the 1,000 uploads
    // are still `analyzing` at the 5-minute limit. Issue #12 stays open for it; the SQS and Pub/Sub runs pass.
    [Fact]
    public async Task A_thousand_uploads_under_store_and_queue_faults_all_end_with_fault_free_findings()
    {
        var store = new SqliteScoutStore(directory);
        // Redelivery after 20 ms instead of seconds, and in-process retries 5 ms apart: the policy is the same, the run is short.
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance) { RedeliveryDelay = _ => TimeSpan.FromMilliseconds(20) };
        var options = new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(5)) };
        var figures = await FaultRun.RunAsync("embedded (SQLite + SQLite queue)", store, queue, async (platform, ct) =>
        {
            queue.ReleaseLeases();
            await PendingUploadRecovery.RunAsync(platform.Store, queue, platform.Delivery, ct, platform.Options.Resilience);
            // Several consumers, as `scout serve` runs them (SCOUT_QUEUE_CONSUMERS): duplicates and redeliveries meet side by side.
            await new SqliteQueueWorker(queue, platform.Delivery) { Consumers = 4 }.RunAsync(ct);
        }, uploads: 1000, seed: 12, timeout: TimeSpan.FromMinutes(5), options, output.WriteLine);
        output.WriteLine(figures.ToString());
        Assert.True(figures.Problems.Count == 0, string.Join("\n", figures.Problems.Take(20)));
        Assert.True(figures.Faults() > 0, "no fault was injected");
        Assert.True(figures.MessagesDuplicated > 0, "no message was duplicated");
        Assert.Equal(1000, figures.Done + figures.Failed);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.DuplicatedRows);
        Assert.Equal(0, figures.FindingMismatches);
        Assert.Equal(0, queue.PendingCount());
    }
}
