using System.Diagnostics;

namespace Scout.Storage.Firestore;

/// <summary>
/// A cached answer to "is this layout complete?" (a completion marker: meta/advisoryKeys, meta/listings). Markers are
/// never removed, so "complete" is kept for good; "not complete" only for a while, because a backfill in another
/// process (the scheduled refresh: FirestoreScoutStore.Backfill.cs) may finish meanwhile and a long-lived instance
/// should then stop querying; a check that failed or was cancelled is not kept at all, so one transient fault does not
/// fail every later read.
/// </summary>
internal sealed class CompletionMarker(Func<CancellationToken, Task<bool>> check, TimeSpan recheckAfter)
{
    private readonly Lock gate = new();
    private Task<bool>? answer;
    private long answeredAt;

    public Task<bool> IsCompleteAsync(CancellationToken ct)
    {
        lock (gate)
        {
            if (answer is null || answer.IsFaulted || answer.IsCanceled
                || (answer is { IsCompletedSuccessfully: true, Result: false } && Stopwatch.GetElapsedTime(answeredAt) >= recheckAfter))
            {
                answeredAt = Stopwatch.GetTimestamp();
                answer = check(ct);
            }
            return answer;
        }
    }
}
