using Cronos;

namespace Scout.Cli.Platform;

/// <summary>
/// Runs the advisory refresh on a schedule: every N seconds (the default, issue #18: a new advisory should reach the
/// findings within a minute, and an idle poll costs one conditional request per ecosystem) or on a cron expression
/// (UTC). The interval schedule refreshes once at start. A failed run is logged and retried at the next tick.
/// </summary>
public sealed class AdvisorySchedule
{
    public const int DefaultIntervalSeconds = 30;

    private readonly CronExpression? cron;
    private readonly TimeSpan interval;

    private AdvisorySchedule(CronExpression? cron, TimeSpan interval) => (this.cron, this.interval) = (cron, interval);

    public static AdvisorySchedule Every(TimeSpan interval) =>
        interval > TimeSpan.Zero ? new(null, interval) : throw new ArgumentOutOfRangeException(nameof(interval));

    public static AdvisorySchedule Parse(string cron)
    {
        try
        {
            return new AdvisorySchedule(CronExpression.Parse(cron), TimeSpan.Zero);
        }
        catch (CronFormatException e)
        {
            throw new CliUsageException($"--refresh-cron {cron}: {e.Message}");
        }
    }

    /// <summary>The time between two runs (for a cron schedule, between its next two occurrences after <paramref name="now"/>).</summary>
    public TimeSpan Period(DateTimeOffset now)
    {
        if (cron is null) return interval;
        var first = cron.GetNextOccurrence(now.UtcDateTime);
        var second = first is { } f ? cron.GetNextOccurrence(f) : null;
        return first is { } a && second is { } b ? b - a : TimeSpan.FromDays(1);
    }

    public override string ToString() => cron != null ? $"cron '{cron}' (UTC)" : $"every {interval.TotalSeconds:0.###} s";

    public async Task RunAsync(Func<Task> refresh, Action<string> log, CancellationToken ct)
    {
        var next = DateTimeOffset.UtcNow;
        while (!ct.IsCancellationRequested)
        {
            if (cron != null)
            {
                var occurrence = cron.GetNextOccurrence(DateTime.UtcNow);
                if (occurrence is null) return;
                next = new DateTimeOffset(occurrence.Value, TimeSpan.Zero);
            }
            var wait = next - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
                try { await Task.Delay(wait, ct); } catch (OperationCanceledException) { return; }
            // Interval ticks are counted from the start of each run: a run longer than the interval is followed at once.
            next = DateTimeOffset.UtcNow + interval;
            try
            {
                await refresh();
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log($"advisory refresh failed: {e.GetType().Name}: {CliApp.OneLine(e.Message)}");
            }
        }
    }
}
