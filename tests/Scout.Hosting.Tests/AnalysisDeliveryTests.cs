using Polly;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Storage.Sqlite;
using Scout.Testing.Fakes;

namespace Scout.Hosting.Tests;

/// <summary>The delivery policy's decisions, over a real SQLite store.</summary>
public sealed class AnalysisDeliveryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-delivery-").FullName;
    private readonly SqliteScoutStore store;
    private readonly DateTimeOffset now = DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public AnalysisDeliveryTests() => store = new SqliteScoutStore(directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    private async Task<AnalyzeImageMessage> PendingUploadAsync(string status = UploadStatuses.Analyzing)
    {
        await store.InitializeAsync();
        var upload = new UploadRecord
        {
            TenantId = "t1", UploadId = "up_" + Guid.NewGuid().ToString("N"), ImageDigest = "sha256:" + new string('a', 64), SbomSha256 = new string('b', 64),
            Status = UploadStatuses.Queued, CreatedAt = now, UpdatedAt = now,
        };
        await store.CreateUploadAsync(upload, [1, 2, 3]);
        if (status != UploadStatuses.Queued) await store.UpdateUploadStatusAsync("t1", upload.UploadId, status, status == UploadStatuses.Failed ? "earlier" : null, now);
        return new AnalyzeImageMessage("t1", upload.UploadId);
    }

    private AnalysisDelivery Delivery(Func<AnalyzeImageMessage, Task<AnalysisOutcome>> analyze) =>
        new((m, _) => analyze(m), store, new FixedClock(now), ResiliencePipeline.Empty);

    [Theory]
    [InlineData(AnalysisStatus.Done, "done")]
    [InlineData(AnalysisStatus.AlreadyDone, "duplicate")]
    [InlineData(AnalysisStatus.Failed, "failed")]
    public async Task Final_outcomes_are_acknowledged(AnalysisStatus status, string outcome)
    {
        var decision = await Delivery(_ => Task.FromResult(new AnalysisOutcome(status, "why"))).DeliverAsync(new AnalyzeImageMessage("t1", "u"), 1);
        Assert.Equal(DeliveryAction.Ack, decision.Action);
        Assert.Equal(outcome, decision.Outcome);
    }

    [Fact]
    public async Task A_message_for_no_upload_is_dead_lettered_at_once()
    {
        var decision = await Delivery(_ => Task.FromResult(new AnalysisOutcome(AnalysisStatus.UnknownUpload, "no upload u"))).DeliverAsync(new AnalyzeImageMessage("t1", "u"), 1);
        Assert.Equal(DeliveryAction.DeadLetter, decision.Action);
        Assert.Equal("no upload u", decision.Reason);
    }

    [Fact]
    public async Task A_transient_fault_is_retried_until_the_last_attempt_which_marks_the_upload_failed_with_the_reason()
    {
        var message = await PendingUploadAsync();
        var delivery = Delivery(_ => throw new TimeoutException("store timed out"));
        for (var attempt = 1; attempt < DeliveryPolicy.MaxAttempts; attempt++)
        {
            var retry = await delivery.DeliverAsync(message, attempt);
            Assert.Equal(DeliveryAction.Retry, retry.Action);
            Assert.Equal(UploadStatuses.Analyzing, (await store.GetUploadAsync("t1", message.UploadId))!.Status);
        }
        var last = await delivery.DeliverAsync(message, DeliveryPolicy.MaxAttempts);
        Assert.Equal(DeliveryAction.DeadLetter, last.Action);
        var upload = (await store.GetUploadAsync("t1", message.UploadId))!;
        Assert.Equal(UploadStatuses.Failed, upload.Status);
        Assert.Equal(last.Reason, upload.Reason);
        Assert.Contains("TimeoutException: store timed out", upload.Reason);
    }

    [Fact]
    public async Task An_unknown_attempt_count_never_gives_up_by_itself()
    {
        var message = await PendingUploadAsync();
        var decision = await Delivery(_ => throw new TimeoutException("x")).DeliverAsync(message, attempt: 0);
        Assert.Equal(DeliveryAction.Retry, decision.Action);
    }

    [Fact]
    public async Task The_in_process_retry_policy_absorbs_a_passing_fault()
    {
        var message = await PendingUploadAsync();
        var calls = 0;
        var delivery = new AnalysisDelivery((_, _) => ++calls == 1 ? throw new IOException("blip") : Task.FromResult(new AnalysisOutcome(AnalysisStatus.Done)),
            store, new FixedClock(now), ScoutResilience.Transient(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(DeliveryAction.Ack, (await delivery.DeliverAsync(message, 1)).Action);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_input_error_is_not_retried_in_process()
    {
        var calls = 0;
        var delivery = new AnalysisDelivery((_, _) => { calls++; throw new InputException("bad"); }, store, new FixedClock(now), ScoutResilience.Transient(TimeSpan.FromMilliseconds(1)));
        await delivery.DeliverAsync(new AnalyzeImageMessage("t1", "u"), 1);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_dead_lettered_message_marks_a_pending_upload_failed_and_leaves_an_ended_one_alone()
    {
        var pending = await PendingUploadAsync();
        var delivery = Delivery(_ => throw new InvalidOperationException("not called"));
        var decision = await delivery.DeadLetteredAsync(pending, "gave up");
        Assert.Equal(("dead-lettered", DeliveryAction.Ack), (decision.Outcome, decision.Action));
        Assert.Equal(("failed", "gave up"), ((await store.GetUploadAsync("t1", pending.UploadId))!.Status, (await store.GetUploadAsync("t1", pending.UploadId))!.Reason));

        var done = await PendingUploadAsync(UploadStatuses.Done);
        Assert.Equal("dead-letter-ignored", (await delivery.DeadLetteredAsync(done, "gave up")).Outcome);
        Assert.Equal(UploadStatuses.Done, (await store.GetUploadAsync("t1", done.UploadId))!.Status);
        Assert.Equal("dead-letter-ignored", (await delivery.DeadLetteredAsync(new AnalyzeImageMessage("t1", "nope"), "gave up")).Outcome);
    }

    [Fact]
    public async Task Recovery_enqueues_a_never_enqueued_upload_and_marks_one_whose_message_is_dead_failed()
    {
        var queue = new SqliteWorkQueue(new SqliteDatabase(directory, "queue.db"), new FixedClock(now));
        var lost = await PendingUploadAsync(UploadStatuses.Queued);
        var dead = await PendingUploadAsync();
        var queued = await PendingUploadAsync(UploadStatuses.Queued);
        await queue.EnqueueAsync(dead);
        queue.DeadLetter(queue.TryReceive()!, "gave up, but recording it failed");
        await queue.EnqueueAsync(queued);
        var delivery = Delivery(_ => throw new InvalidOperationException("not called"));

        var report = await PendingUploadRecovery.RunAsync(store, queue, delivery);

        Assert.Equal(new RecoveryReport(Pending: 3, Enqueued: 1, AlreadyQueued: 1, MarkedFailed: 1), report);
        Assert.Equal(QueuedState.Queued, queue.StateOf(lost));
        Assert.Equal(QueuedState.DeadLettered, queue.StateOf(dead));
        Assert.Equal(UploadStatuses.Failed, (await store.GetUploadAsync("t1", dead.UploadId))!.Status);
        Assert.Equal(2, queue.PendingCount());
    }
}
