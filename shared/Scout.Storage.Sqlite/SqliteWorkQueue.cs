using Scout.Core.Ports;
using static Scout.Storage.Sqlite.SqliteCommandExtensions;

namespace Scout.Storage.Sqlite;

/// <summary>A received message, leased until <see cref="VisibleAt"/>; acknowledge it or it is delivered again.</summary>
public sealed record LeasedMessage(long Id, AnalyzeImageMessage Message, int Attempts, DateTimeOffset VisibleAt);

/// <summary>
/// The embedded default queue: durable in the same SQLite file, so an upload accepted before a crash is analyzed
/// after the restart. Semantics follow SQS: a lease (visibility timeout), redelivery, and a dead-letter state after
/// <see cref="MaxReceiveCount"/> failed attempts, with the reason kept.
/// </summary>
public sealed class SqliteWorkQueue(SqliteDatabase db, IClock clock) : IWorkQueue
{
    public int MaxReceiveCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

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
            var next = c.Query(tx, "SELECT id, tenant_id, upload_id, attempts FROM work_queue WHERE dead=0 AND visible_at <= $n ORDER BY id LIMIT 1",
                r => (Id: r.GetInt64(0), Tenant: r.GetString(1), Upload: r.GetString(2), Attempts: r.GetInt32(3)), ("$n", Iso(now)));
            if (next.Count == 0) return null;
            var (id, tenant, upload, attempts) = next[0];
            var visibleAt = now + VisibilityTimeout;
            c.Exec("UPDATE work_queue SET visible_at=$v, attempts=attempts+1 WHERE id=$i", tx, ("$v", Iso(visibleAt)), ("$i", id));
            return new LeasedMessage(id, new AnalyzeImageMessage(tenant, upload), attempts + 1, visibleAt);
        });
    }

    public void Acknowledge(LeasedMessage message) =>
        db.Write((c, tx) => c.Exec("DELETE FROM work_queue WHERE id=$i", tx, ("$i", message.Id)));

    /// <summary>Makes the message visible again after a backoff, or dead-letters it once it has been received too often.</summary>
    public void Fail(LeasedMessage message, string reason)
    {
        var dead = message.Attempts >= MaxReceiveCount;
        var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, message.Attempts)));
        db.Write((c, tx) => c.Exec("UPDATE work_queue SET visible_at=$v, last_error=$r, dead=$d WHERE id=$i", tx,
            ("$v", Iso(clock.UtcNow + backoff)), ("$r", reason), ("$d", dead ? 1 : 0), ("$i", message.Id)));
    }

    public IReadOnlyList<(AnalyzeImageMessage Message, string? Reason)> DeadLetters() => db.Read(c => c.Query(
        "SELECT tenant_id, upload_id, last_error FROM work_queue WHERE dead=1 ORDER BY id",
        r => (new AnalyzeImageMessage(r.GetString(0), r.GetString(1)), r.NullableString(2))));

    public bool IsQueued(AnalyzeImageMessage message) => db.Read(c => Convert.ToInt32(c.Command(
        "SELECT COUNT(*) FROM work_queue WHERE dead=0 AND tenant_id=$t AND upload_id=$u", null,
        ("$t", message.TenantId), ("$u", message.UploadId)).ExecuteScalar()) > 0);

    public int PendingCount() => db.Read(c => Convert.ToInt32(c.Command("SELECT COUNT(*) FROM work_queue WHERE dead=0").ExecuteScalar()));

    /// <summary>When the next leased or delayed message becomes visible (for the worker's sleep).</summary>
    public DateTimeOffset? NextVisibleAt() => db.Read(c => c.Query("SELECT MIN(visible_at) FROM work_queue WHERE dead=0",
        r => r.IsDBNull(0) ? (DateTimeOffset?)null : ParseIso(r.GetString(0))).FirstOrDefault());
}
