using Scout.Core.UseCases;
using Scout.Testing.Fakes;

namespace Scout.Hosting.Tests;

/// <summary>Issue #18: a once-a-minute schedule polls SCOUT_REFRESH_POLLS times spread over its minute, never into the next.</summary>
public sealed class ScheduledRefreshTests
{
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly List<TimeSpan> startedAt = [];

    private Func<CancellationToken, Task<RefreshSummary>> Refresh(TimeSpan takes, int changed = 1)
    {
        var start = clock.UtcNow;
        return _ =>
        {
            startedAt.Add(clock.UtcNow - start);
            clock.UtcNow += takes;
            return Task.FromResult(new RefreshSummary { AdvisoriesChanged = changed, ElapsedMs = (long)takes.TotalMilliseconds, RecordsFailed = startedAt.Count });
        };
    }

    private Task Delay(TimeSpan wait, CancellationToken ct)
    {
        clock.UtcNow += wait;
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Polls_start_evenly_over_the_minute_and_their_summaries_add_up(int polls)
    {
        var summary = await ScheduledRefresh.RunAsync(Refresh(TimeSpan.FromSeconds(2)), polls, clock, default, Delay);

        var slot = ScheduledRefresh.SchedulePeriod / polls;
        Assert.Equal(Enumerable.Range(0, polls).Select(i => slot * i), startedAt);
        Assert.Equal(polls, summary.AdvisoriesChanged);
        Assert.Equal(polls * 2000, summary.ElapsedMs);
        Assert.Equal(polls, summary.RecordsFailed); // what is still pending is the last run's
    }

    [Fact]
    public async Task A_refresh_slower_than_its_slot_skips_the_polls_whose_slot_has_passed()
    {
        // Three slots of 20 s; the first refresh takes 45 s: the second slot (20-40 s) is gone, the third starts late.
        var summary = await ScheduledRefresh.RunAsync(Refresh(TimeSpan.FromSeconds(45)), 3, clock, default, Delay);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(45)], startedAt);
        Assert.Equal(2, summary.AdvisoriesChanged);
    }
}
