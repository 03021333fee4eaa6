using Scout.Core.Ports;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

/// <summary>A received message, leased until <see cref="VisibleAt"/>; acknowledge it or it is delivered again.</summary>
/// <param name="LastError">why the previous attempt was retried (null on the first delivery, or after a crash)</param>
public sealed record LeasedMessage(long Id, AnalyzeImageMessage Message, int Attempts, DateTimeOffset VisibleAt, string? LastError = null);

/// <summary>
/// The embedded default queue: durable in the same SQLite file, so an upload accepted before a crash is analyzed
/// after the restart. Semantics follow SQS: a lease (visibility timeout), redelivery after a backoff, and a dead-letter
/// state with the reason kept. Whether a message is retried or dead-lettered is not decided here but by the delivery
/// policy (<see cref="IAnalysisDelivery"/>) through <see cref="SqliteQueueWorker"/>. A dead message stays dead: it is
/// never received again and <see cref="StateOf"/> reports it, so recovery at start does not enqueue its upload again.
/// </summary>
public sealed class SqliteWorkQueue(SqliteDatabase db, IClock clock) : IWorkQueue, IInspectableWorkQueue
{
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Delay before a retried message is visible again, by failed attempt (tests shorten it).</summary>
    public Func<int, TimeSpan> RedeliveryDelay { get; init; } = DeliveryPolicy.RedeliveryDelay;

    /// <summary>Signalled on every enqueue so an idle worker wakes at once instead of polling.</summary>
    public event Action? MessageEnqueued;

    public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default)
    {
        var now = Iso(clock.UtcNow);
        db.Write((c, tx) => c.Exec("INSERT INTO work_queue(tenant_id, upload_id, enqueued_at, visible_at) VALUES ($t,$u,$n,$n)", tx,
            ("$t", message.TenantId), ("$u", message.UploadId), ("$n", now)));
        MessageEnqueued?.Invoke();
        return Task.CompletedTask;
    }

    public LeasedMessage? TryReceive()
    {
        var now = clock.UtcNow;
        return db.Write((c, tx) =>
        {
            var next = c.Query(tx, "SELECT id, tenant_id, upload_id, attempts, last_error FROM work_queue WHERE dead=0 AND visible_at <= $n ORDER BY id LIMIT 1",
                r => (Id: r.GetInt64(0), Tenant: r.GetString(1), Upload: r.GetString(2), Attempts: r.GetInt32(3), LastError: r.NullableString(4)), ("$n", Iso(now)));
            if (next.Count == 0) return null;
            var (id, tenant, upload, attempts, lastError) = next[0];
            var visibleAt = now + VisibilityTimeout;
            c.Exec("UPDATE work_queue SET visible_at=$v, attempts=attempts+1 WHERE id=$i", tx, ("$v", Iso(visibleAt)), ("$i", id));
            return new LeasedMessage(id, new AnalyzeImageMessage(tenant, upload), attempts + 1, visibleAt, lastError);
        });
    }

    /// <summary>
    /// Makes every leased message visible now. The embedded queue has one consumer process per data folder, so at its
    /// start any lease still running belongs to a process that died: waiting for it to expire would only delay recovery.
    /// </summary>
    public int ReleaseLeases() => db.Write((c, tx) =>
        c.Exec("UPDATE work_queue SET visible_at=$n WHERE dead=0 AND visible_at > $n", tx, ("$n", Iso(clock.UtcNow))));

    public void Acknowledge(LeasedMessage message) =>
        db.Write((c, tx) => c.Exec("DELETE FROM work_queue WHERE id=$i", tx, ("$i", message.Id)));

    /// <summary>Makes the message visible again after the redelivery delay for its attempt.</summary>
    public void Retry(LeasedMessage message, string reason) =>
        db.Write((c, tx) => c.Exec("UPDATE work_queue SET visible_at=$v, last_error=$r WHERE id=$i", tx,
            ("$v", Iso(clock.UtcNow + RedeliveryDelay(message.Attempts))), ("$r", reason), ("$i", message.Id)));

    /// <summary>Moves the message to the dead letters for good, with the reason.</summary>
    public void DeadLetter(LeasedMessage message, string reason) =>
        db.Write((c, tx) => c.Exec("UPDATE work_queue SET last_error=$r, dead=1 WHERE id=$i", tx, ("$r", reason), ("$i", message.Id)));

    public IReadOnlyList<(AnalyzeImageMessage Message, string? Reason)> DeadLetters() => db.Read(c => c.Query(
        "SELECT tenant_id, upload_id, last_error FROM work_queue WHERE dead=1 ORDER BY id",
        r => (new AnalyzeImageMessage(r.GetString(0), r.GetString(1)), r.NullableString(2))));

    public QueuedState StateOf(AnalyzeImageMessage message) => db.Read(c => c.Query(
        "SELECT MIN(dead) FROM work_queue WHERE tenant_id=$t AND upload_id=$u",
        r => r.IsDBNull(0) ? QueuedState.Unknown : r.GetInt32(0) == 0 ? QueuedState.Queued : QueuedState.DeadLettered,
        ("$t", message.TenantId), ("$u", message.UploadId)).FirstOrDefault());

    public bool IsQueued(AnalyzeImageMessage message) => StateOf(message) == QueuedState.Queued;

    public int PendingCount() => db.Read(c => Convert.ToInt32(c.Command("SELECT COUNT(*) FROM work_queue WHERE dead=0").ExecuteScalar()));

    /// <summary>When the next leased or delayed message becomes visible (for the worker's sleep).</summary>
    public DateTimeOffset? NextVisibleAt() => db.Read(c => c.Query("SELECT MIN(visible_at) FROM work_queue WHERE dead=0",
        r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseIso(r.GetString(0))).FirstOrDefault());
}
