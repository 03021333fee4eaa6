using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

/// <summary>
/// What a deployed schedule runs. EventBridge and Cloud Scheduler fire once a minute at most, so a record published
/// just after a poll would wait a whole minute plus the refresh; with SCOUT_REFRESH_POLLS = n one invocation polls n
/// times spread evenly over its minute (every 30 s for 2), and the wait is at most a minute / n plus the refresh. A
/// poll starts only inside its own slot: after a slow refresh the polls whose slot has passed are skipped, not run
/// back to back.
/// </summary>
public static class ScheduledRefresh
{
    public static readonly TimeSpan SchedulePeriod = TimeSpan.FromMinutes(1);
    public const int MaxPolls = 6;

    /// <param name="delay">waits (Task.Delay in production; tests move a clock)</param>
    public static async Task<RefreshSummary> RunAsync(Func<CancellationToken, Task<RefreshSummary>> refresh, int polls, IClock clock,
        CancellationToken ct = default, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        delay ??= Task.Delay;
        polls = Math.Clamp(polls, 1, MaxPolls);
        var start = clock.UtcNow;
        var slot = SchedulePeriod / polls;
        var total = await refresh(ct);
        for (var i = 1; i < polls; i++)
        {
            var elapsed = clock.UtcNow - start;
            if (elapsed >= slot * (i + 1)) continue;
            if (slot * i - elapsed is var wait && wait > TimeSpan.Zero) await delay(wait, ct);
            total = total.Then(await refresh(ct));
        }
        return total;
    }
}
