using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Tests.Fakes;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.UseCases;

/// <summary>The embedded queue loses nothing: a worker killed mid-analysis leaves the message for the next one.</summary>
public sealed class DurableQueueTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-queue-test-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>A normalizer that blocks until the worker is cancelled: the "crash" lands mid-analysis.</summary>
    private sealed class HangingNormalizer : ISbomNormalizer
    {
        public readonly ManualResetEventSlim Entered = new();
        public CancellationToken Until;

        public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
        {
            Entered.Set();
            Until.WaitHandle.WaitOne();
            throw new OperationCanceledException(Until);
        }
    }

    private (SqliteScoutStore Store, SqliteWorkQueue Queue, ScoutPlatform Platform) Open(ISbomNormalizer normalizer, TimeSpan lease)
    {
        var store = new SqliteScoutStore(directory);
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance) { VisibilityTimeout = lease };
        var platform = ScoutPlatform.Create(store, queue, new ScoutComponents(normalizer, new VersionOneMatcher(), new PrefixSecretScanner()),
            new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(1)) });
        return (store, queue, platform);
    }

    [Fact]
    public async Task Worker_killed_mid_analysis_is_resumed_by_the_next_worker()
    {
        var hanging = new HangingNormalizer();
        var (_, queue, platform) = Open(hanging, lease: TimeSpan.FromMilliseconds(300));
        var (_, key) = await platform.Keys.CreateTenantAsync("acme");
        var tenant = (await platform.Keys.AuthenticateAsync(key))!.TenantId;
        var upload = await platform.Api.HandleAsync(new Core.Api.ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Envelope(Digest(30)),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        });
        var uploadId = Json(upload).GetProperty("uploadId").GetString()!;

        using var kill = new CancellationTokenSource();
        hanging.Until = kill.Token;
        var worker = Task.Run(() => new SqliteQueueWorker(queue, platform.Delivery).RunAsync(kill.Token));
        Assert.True(hanging.Entered.Wait(TimeSpan.FromSeconds(30)), "the worker never started the analysis");
        kill.Cancel();
        await worker;

        // "Restart": new objects over the same files, as a new process would open them.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var normalizer = new ListNormalizer();
        var (store, queue2, platform2) = Open(normalizer, lease: TimeSpan.FromMinutes(5));
        Assert.Equal(UploadStatuses.Analyzing, (await store.GetUploadAsync(tenant, uploadId))!.Status);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await new SqliteQueueWorker(queue2, platform2.Delivery).DrainAsync() == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100); // until the dead worker's lease runs out
        Assert.Equal(UploadStatuses.Done, (await store.GetUploadAsync(tenant, uploadId))!.Status);
        Assert.Equal(2, (await store.GetPackagesAsync(tenant, Digest(30))).Count);
        Assert.Equal(0, queue2.PendingCount());
    }

    [Fact]
    public async Task Releasing_leases_at_start_redelivers_a_dead_consumers_message_at_once()
    {
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance) { VisibilityTimeout = TimeSpan.FromHours(1) };
        await queue.EnqueueAsync(new AnalyzeImageMessage("t", "u"));
        Assert.NotNull(queue.TryReceive());
        Assert.Null(queue.TryReceive()); // leased for an hour
        Assert.Equal(1, queue.ReleaseLeases());
        var again = queue.TryReceive();
        Assert.NotNull(again);
        Assert.Equal(2, again!.Attempts);
    }

    /// <summary>A store or network fault keeps failing: retried with backoff, then dead-lettered, and the upload failed, with its reason.</summary>
    private sealed class BrokenNormalizer : ISbomNormalizer
    {
        public NormalizedSbom Normalize(ReadOnlyMemory<byte> document) => throw new IOException("disk on fire");
    }

    [Fact]
    public async Task Transient_failures_are_retried_then_dead_lettered_with_the_reason()
    {
        var (_, _, platform) = Open(new BrokenNormalizer(), lease: TimeSpan.FromMinutes(5));
        var clockless = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), new SteppingClock());
        var (_, key) = await platform.Keys.CreateTenantAsync("acme");
        var tenant = (await platform.Keys.AuthenticateAsync(key))!.TenantId;
        await clockless.EnqueueAsync(new AnalyzeImageMessage(tenant, "up_missing_document"));
        // An unknown upload is final, not a retry: dead-lettered at once (there is no upload to record it on).
        Assert.Equal(1, await new SqliteQueueWorker(clockless, platform.Delivery).DrainAsync());
        Assert.Equal(0, clockless.PendingCount());
        Assert.Equal("up_missing_document", Assert.Single(clockless.DeadLetters()).Message.UploadId);

        var upload = await platform.Api.HandleAsync(new Core.Api.ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Envelope(Digest(31)),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        });
        Assert.Equal(202, upload.Status);
        var worker = new SqliteQueueWorker(clockless, platform.Delivery);
        var attempts = 0;
        while (clockless.PendingCount() > 0 && attempts < 10) attempts += await worker.DrainAsync();
        Assert.Equal(DeliveryPolicy.MaxAttempts, attempts);
        var dead = clockless.DeadLetters()[^1];
        Assert.EndsWith("IOException: disk on fire", dead.Reason);
        var failed = (await platform.Store.GetUploadAsync(tenant, dead.Message.UploadId))!;
        Assert.Equal(UploadStatuses.Failed, failed.Status);
        Assert.Equal(dead.Reason, failed.Reason);
    }

    /// <summary>Moves a minute per reading, so backoffs elapse without waiting.</summary>
    private sealed class SteppingClock : IClock
    {
        private DateTimeOffset now = DateTimeOffset.UtcNow;
        public DateTimeOffset UtcNow => now = now.AddMinutes(1);
    }
}
