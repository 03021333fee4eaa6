namespace Scout.Storage.Firestore.Tests;

/// <summary>
/// How a store remembers its completion markers (shared/Scout.Storage.Firestore/CompletionMarker.cs): "complete" for
/// good, "not complete" until the recheck interval has passed, a failed check not at all.
/// </summary>
public sealed class CompletionMarkerTests
{
    [Fact]
    public async Task A_complete_answer_is_kept_and_the_marker_is_not_read_again()
    {
        var reads = 0;
        var marker = new CompletionMarker(_ => { reads++; return Task.FromResult(true); }, TimeSpan.Zero);
        for (var i = 0; i < 3; i++) Assert.True(await marker.IsCompleteAsync(CancellationToken.None));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_not_complete_answer_is_read_again_once_the_interval_has_passed_and_then_sees_the_finished_backfill()
    {
        var reads = 0;
        var written = false;
        var kept = new CompletionMarker(_ => { reads++; return Task.FromResult(written); }, TimeSpan.FromHours(1));
        var rechecked = new CompletionMarker(_ => Task.FromResult(written), TimeSpan.Zero);
        Assert.False(await kept.IsCompleteAsync(CancellationToken.None));
        Assert.False(await rechecked.IsCompleteAsync(CancellationToken.None));
        written = true; // another process's backfill wrote the marker
        Assert.False(await kept.IsCompleteAsync(CancellationToken.None)); // within the interval: the cached answer
        Assert.Equal(1, reads);
        Assert.True(await rechecked.IsCompleteAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_check_is_not_kept_so_one_transient_fault_does_not_fail_every_later_read()
    {
        var calls = 0;
        var marker = new CompletionMarker(_ => ++calls == 1 ? Task.FromException<bool>(new HttpRequestException("503 from the emulator")) : Task.FromResult(true),
            TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<HttpRequestException>(() => marker.IsCompleteAsync(CancellationToken.None));
        Assert.True(await marker.IsCompleteAsync(CancellationToken.None));
        Assert.Equal(2, calls);
    }
}
