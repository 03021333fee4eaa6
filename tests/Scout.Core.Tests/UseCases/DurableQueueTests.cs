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

    /// <summary>Fails the first <c>failing</c> writes of the `failed` status (a store fault while the failure is recorded).</summary>
    private sealed class FailureRecordingFaults(IUploadStore inner, int failing) : IUploadStore
    {
        private readonly int total = failing;
        private int left = failing;
        public int Refused => total - Math.Max(left, 0);
        public Task<(UploadRecord Upload, bool Created)> CreateUploadAsync(UploadRecord upload, byte[] compressedDocument, CancellationToken ct = default) => inner.CreateUploadAsync(upload, compressedDocument, ct);
        public Task<UploadRecord?> GetUploadAsync(string tenantId, string uploadId, CancellationToken ct = default) => inner.GetUploadAsync(tenantId, uploadId, ct);
        public Task<byte[]?> GetUploadDocumentAsync(string tenantId, string uploadId, CancellationToken ct = default) => inner.GetUploadDocumentAsync(tenantId, uploadId, ct);
        public Task<IReadOnlyList<UploadRecord>> ListPendingUploadsAsync(CancellationToken ct = default) => inner.ListPendingUploadsAsync(ct);
        public Task UpdateUploadStatusAsync(string tenantId, string uploadId, string status, string? reason, DateTimeOffset at, CancellationToken ct = default) =>
            status == UploadStatuses.Failed && Interlocked.Decrement(ref left) >= 0
                ? Task.FromException(new IOException("store unavailable while recording the failure"))
                : inner.UpdateUploadStatusAsync(tenantId, uploadId, status, reason, at, ct);
    }

    [Fact]
    public async Task A_dead_letter_whose_failure_recording_meets_a_store_fault_still_ends_its_upload_failed()
    {
        var (store, _, platform) = Open(new BrokenNormalizer(), lease: TimeSpan.FromMinutes(5));
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), new SteppingClock());
        var (_, key) = await platform.Keys.CreateTenantAsync("acme");
        var upload = await platform.Api.HandleAsync(new Core.Api.ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Envelope(Digest(32)),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        });
        var uploadId = Json(upload).GetProperty("uploadId").GetString()!;
        // The policy's own recording at the last attempt fails, and so do the in-process retries of the worker's
        // dead-letter handling right after it: the message must not die while its upload still says `analyzing`.
        var uploads = new FailureRecordingFaults(store, failing: 1 + ScoutResilience.InProcessAttempts);
        var delivery = new AnalysisDelivery(platform.QueueAnalysis.HandleAsync, uploads, platform.Options.Clock, ScoutResilience.Transient(TimeSpan.FromMilliseconds(1)));
        var worker = new SqliteQueueWorker(queue, delivery);
        var receives = 0;
        while (queue.PendingCount() > 0 && receives < 20) receives += await worker.DrainAsync();

        Assert.Equal(1 + ScoutResilience.InProcessAttempts, uploads.Refused);
        Assert.Equal(DeliveryPolicy.MaxAttempts + 1, receives); // one more receive, past the attempts, records it
        var ended = (await store.GetUploadAsync(Assert.Single(queue.DeadLetters()).Message.TenantId, uploadId))!;
        Assert.Equal(UploadStatuses.Failed, ended.Status);
        Assert.Contains("IOException: disk on fire", ended.Reason);
    }

    /// <summary>Moves a minute per reading, so backoffs elapse without waiting.</summary>
    private sealed class SteppingClock : IClock
    {
        private DateTimeOffset now = DateTimeOffset.UtcNow;
        public DateTimeOffset UtcNow => now = now.AddMinutes(1);
    }
}
