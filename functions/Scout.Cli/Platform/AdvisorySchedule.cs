using Cronos;

namespace Scout.Cli.Platform;

/// <summary>Runs the advisory refresh on a cron schedule (UTC); a failed run is logged and retried at the next tick.</summary>
public sealed class AdvisorySchedule(CronExpression expression)
{
    public static AdvisorySchedule Parse(string cron)
    {
        try
        {
            return new AdvisorySchedule(CronExpression.Parse(cron));
        }
        catch (CronFormatException e)
        {
            throw new CliUsageException($"--refresh-cron {cron}: {e.Message}");
        }
    }

    public async Task RunAsync(Func<Task> refresh, Action<string> log, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var next = expression.GetNextOccurrence(DateTime.UtcNow);
            if (next is null) return;
            try { await Task.Delay(next.Value - DateTime.UtcNow, ct); } catch (OperationCanceledException) { return; }
            try
            {
                await refresh();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log($"advisory refresh failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
