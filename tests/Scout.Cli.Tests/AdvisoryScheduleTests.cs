using Scout.Cli.Platform;

namespace Scout.Cli.Tests;

/// <summary>The interval schedule `scout serve --feed` runs: a poll at start, failures logged and retried, a clean stop.</summary>
public sealed class AdvisoryScheduleTests
{
    [Fact]
    public async Task The_first_poll_runs_at_start_and_a_failed_poll_is_logged_and_retried_at_the_next_tick()
    {
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var log = new List<string>();
        var third = new TaskCompletionSource();
        // An hour between ticks would never reach a second call; a tick this short shows the loop goes on after failures.
        var schedule = AdvisorySchedule.Every(TimeSpan.FromMilliseconds(10));
        var run = schedule.RunAsync(() =>
        {
            if (Interlocked.Increment(ref calls) >= 3) third.TrySetResult();
            throw new HttpRequestException("feed unreachable");
        }, line => { lock (log) log.Add(line); }, stop.Token);
        await third.Task.WaitAsync(TimeSpan.FromMinutes(2));
        stop.Cancel();
        await run;   // ends without throwing
        lock (log) Assert.Contains(log, l => l.Contains("advisory refresh failed: HttpRequestException: feed unreachable"));
    }

    [Fact]
    public void The_period_the_dashboard_judges_staleness_by_is_the_interval_or_the_gap_between_two_cron_runs()
    {
        var now = new DateTimeOffset(2026, 12, 3, 11, 52, 30, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(10), AdvisorySchedule.Every(TimeSpan.FromSeconds(10)).Period(now));
        Assert.Equal(TimeSpan.FromMinutes(5), AdvisorySchedule.Parse("*/5 * * * *").Period(now));
        Assert.Equal(TimeSpan.FromDays(1), AdvisorySchedule.Parse("0 3 * * *").Period(now));
    }

    [Fact]
    public async Task With_a_long_interval_the_poll_still_runs_once_at_start()
    {
        using var stop = new CancellationTokenSource();
        var first = new TaskCompletionSource();
        var run = AdvisorySchedule.Every(TimeSpan.FromHours(1)).RunAsync(() => { first.TrySetResult(); return Task.CompletedTask; }, _ => { }, stop.Token);
        await first.Task.WaitAsync(TimeSpan.FromMinutes(2));
        stop.Cancel();
        await run;
    }

    [Fact]
    public void A_zero_interval_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AdvisorySchedule.Every(TimeSpan.Zero));
}
