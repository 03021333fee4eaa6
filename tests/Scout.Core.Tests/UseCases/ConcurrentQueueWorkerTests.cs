using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Tests.Fakes;
using Scout.Hosting;
using Scout.Storage.Sqlite;
using static Scout.Core.Tests.Fakes.TestPlatform;

namespace Scout.Core.Tests.UseCases;

/// <summary>
/// The embedded queue's worker with several consumers (SCOUT_QUEUE_CONSUMERS): every message is handled exactly once,
/// never by two consumers at once, the messages of one upload one after the other, and a failing message is retried
/// and dead-lettered as with one consumer.
/// </summary>
public sealed class ConcurrentQueueWorkerTests : IDisposable
{
    private const int Consumers = 4;
    private readonly string directory = Directory.CreateTempSubdirectory("scout-queue-consumers-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Counts deliveries per message and remembers any message delivered while another delivery of it runs.</summary>
    private sealed class RecordingDelivery(IAnalysisDelivery? inner = null) : IAnalysisDelivery
    {
        private readonly Dictionary<AnalyzeImageMessage, int> running = [];
        public readonly Dictionary<AnalyzeImageMessage, int> Deliveries = [];
        public readonly List<AnalyzeImageMessage> Overlaps = [];
        public int MostAtOnce;
        /// <summary>When above 0, the first deliveries wait until this many run at once (the consumers really run side by side).</summary>
        public int WaitForAtOnce;
        public readonly TaskCompletionSource AllRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public async Task<DeliveryDecision> DeliverAsync(AnalyzeImageMessage message, int attempt, CancellationToken ct = default)
        {
            lock (running)
            {
                Deliveries[message] = Deliveries.GetValueOrDefault(message) + 1;
                running[message] = running.GetValueOrDefault(message) + 1;
                if (running[message] > 1) Overlaps.Add(message);
                MostAtOnce = Math.Max(MostAtOnce, running.Values.Sum());
            }
            try
            {
                var n = Interlocked.Increment(ref arrived);
                if (n == WaitForAtOnce) AllRunning.TrySetResult();
                if (n <= WaitForAtOnce)
                    try { await AllRunning.Task.WaitAsync(TimeSpan.FromSeconds(60), ct); } catch (TimeoutException) { } // asserted below
                await Task.Yield();
                return inner is null ? DeliveryDecision.Ack("done") : await inner.DeliverAsync(message, attempt, ct);
            }
            finally
            {
                lock (running) running[message]--;
            }
        }

        public Task<DeliveryDecision> DeadLetteredAsync(AnalyzeImageMessage message, string reason, CancellationToken ct = default) =>
            inner?.DeadLetteredAsync(message, reason, ct) ?? Task.FromResult(DeliveryDecision.Ack("dead-lettered", reason));
    }

    private SqliteWorkQueue NewQueue() =>
        new(new SqliteDatabase(directory, "queue.db"), SystemClock.Instance) { RedeliveryDelay = _ => TimeSpan.Zero };

    [Fact]
    public async Task Several_consumers_handle_every_message_exactly_once_side_by_side()
    {
        var queue = NewQueue();
        var messages = Enumerable.Range(0, 200).Select(i => new AnalyzeImageMessage($"t{i % 3}", $"up_{i}")).ToList();
        foreach (var m in messages.Take(100)) await queue.EnqueueAsync(m);
        var delivery = new RecordingDelivery { WaitForAtOnce = Consumers };
        using var stop = new CancellationTokenSource();
        var worker = new SqliteQueueWorker(queue, delivery) { Consumers = Consumers };
        var running = worker.RunAsync(stop.Token);
        foreach (var m in messages.Skip(100)) await queue.EnqueueAsync(m); // more arrive while the consumers work
        await WaitUntilAsync(() => queue.PendingCount() == 0 || running.IsCompleted);
        stop.Cancel();
        await running;

        Assert.True(delivery.AllRunning.Task.IsCompleted, $"the {Consumers} consumers never ran at once");
        Assert.Equal(Consumers, delivery.MostAtOnce);
        Assert.Empty(delivery.Overlaps);
        Assert.Equal(messages.ToHashSet(), delivery.Deliveries.Keys.ToHashSet());
        Assert.All(delivery.Deliveries, d => Assert.Equal(1, d.Value));
        Assert.Equal(0, queue.PendingCount());
        Assert.Empty(queue.DeadLetters());
    }

    [Fact]
    public async Task Messages_of_one_upload_are_handled_one_after_the_other()
    {
        var queue = NewQueue();
        var twice = new AnalyzeImageMessage("t", "up_duplicated");
        for (var i = 0; i < 30; i++)
        {
            await queue.EnqueueAsync(twice); // a duplicate or a recovery re-enqueue: a row of its own
            await queue.EnqueueAsync(new AnalyzeImageMessage("t", $"up_{i}"));
        }
        var delivery = new RecordingDelivery();
        var handled = await new SqliteQueueWorker(queue, delivery) { Consumers = Consumers }.DrainAsync();

        Assert.Equal(60, handled);
        Assert.Equal(30, delivery.Deliveries[twice]);
        Assert.Empty(delivery.Overlaps);
        Assert.Equal(0, queue.PendingCount());
    }

    /// <summary>Throws a store-like fault for SBOMs naming the poison package; the rest are read as package lists.</summary>
    private sealed class PoisonNormalizer : ISbomNormalizer
    {
        private readonly ListNormalizer inner = new();
        public NormalizedSbom Normalize(ReadOnlyMemory<byte> document) =>
            System.Text.Encoding.UTF8.GetString(document.Span).Contains("pkg:npm/poison@", StringComparison.Ordinal)
                ? throw new IOException("disk on fire")
                : inner.Normalize(document);
    }

    [Fact]
    public async Task A_failing_upload_is_retried_then_dead_lettered_while_the_others_finish_once()
    {
        var store = new SqliteScoutStore(directory);
        var queue = NewQueue();
        var platform = ScoutPlatform.Create(store, queue, new ScoutComponents(new PoisonNormalizer(), new VersionOneMatcher(), new PrefixSecretScanner()),
            new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(1)) });
        var (tenant, key) = await platform.Keys.CreateTenantAsync("acme");
        async Task<string> UploadAsync(int n, string[] purls) => Json(await platform.Api.HandleAsync(new Core.Api.ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Envelope(Digest(n), purls),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        })).GetProperty("uploadId").GetString()!;
        var good = new List<string>();
        for (var n = 0; n < 40; n++) good.Add(await UploadAsync(n, [$"pkg:npm/left-pad@1.{n}", "pkg:npm/right-pad@1.0"]));
        var poison = await UploadAsync(99, ["pkg:npm/poison@1.0"]);

        var delivery = new RecordingDelivery(platform.Delivery);
        var worker = new SqliteQueueWorker(queue, delivery) { Consumers = Consumers };
        var receives = 0;
        while (queue.PendingCount() > 0 && receives < 100) receives += await worker.DrainAsync();

        Assert.Empty(delivery.Overlaps);
        foreach (var id in good)
        {
            Assert.Equal(1, delivery.Deliveries[new AnalyzeImageMessage(tenant.TenantId, id)]);
            Assert.Equal(UploadStatuses.Done, (await store.GetUploadAsync(tenant.TenantId, id))!.Status);
        }
        for (var n = 0; n < 40; n++) Assert.Equal(2, (await store.GetPackagesAsync(tenant.TenantId, Digest(n))).Count);
        Assert.Equal(DeliveryPolicy.MaxAttempts, delivery.Deliveries[new AnalyzeImageMessage(tenant.TenantId, poison)]);
        var dead = Assert.Single(queue.DeadLetters());
        Assert.Equal(poison, dead.Message.UploadId);
        Assert.EndsWith("IOException: disk on fire", dead.Reason);
        var failed = (await store.GetUploadAsync(tenant.TenantId, poison))!;
        Assert.Equal(UploadStatuses.Failed, failed.Status);
        Assert.Equal(dead.Reason, failed.Reason);
        Assert.Equal(0, queue.PendingCount());
    }

    /// <summary>Polls a condition (a hang guard, not a timed assertion: the test's assertions follow it).</summary>
    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!done() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }
}
