using Scout.Core.Ports;
using Scout.Functions.Gcp.Tests.EndToEnd;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Sbom;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Fakes;

namespace Scout.Functions.Gcp.Tests;

public sealed class RefreshingPlatformTests
{
    // Building a platform touches no server: these stores and queues are never called.
    private static ScoutPlatform NewPlatform() => ScoutPlatform.Create(
        new FirestoreScoutStore(FirestoreRestClient.Create(new FirestoreOptions { ProjectId = "p", EmulatorHost = "127.0.0.1:9" })),
        new PubSubWorkQueue(PubSubRestClient.Create(new PubSubOptions { ProjectId = "p", EmulatorHost = "127.0.0.1:9" })),
        new ScoutComponents(new SbomNormalizer(), new NamedPackageMatcher("x", "X-1"), new NoSecrets()), new ScoutOptions());

    [Fact]
    public async Task An_old_platform_is_rebuilt_in_the_background_and_swapped_in()
    {
        var clock = new FixedClock(new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        var (first, second) = (NewPlatform(), NewPlatform());
        var builds = 0;
        var holder = new RefreshingPlatform(first, _ => { builds++; return Task.FromResult(second); }, TimeSpan.FromMinutes(15), clock);

        Assert.Same(first, holder.Current);
        clock.UtcNow += TimeSpan.FromMinutes(14);
        Assert.Same(first, holder.Current);
        await holder.Reloading;
        Assert.Equal(0, builds);

        clock.UtcNow += TimeSpan.FromMinutes(2);
        Assert.Same(first, holder.Current); // the request that notices does not wait
        await holder.Reloading;
        Assert.Same(second, holder.Current);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_current_platform_and_waits_a_period_before_retrying()
    {
        var clock = new FixedClock(new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));
        var first = NewPlatform();
        var failures = new List<Exception>();
        var builds = 0;
        var holder = new RefreshingPlatform(first, _ => { builds++; throw new TimeoutException("firestore slow"); }, TimeSpan.FromMinutes(15), clock, failures.Add);

        clock.UtcNow += TimeSpan.FromMinutes(20);
        _ = holder.Current;
        await holder.Reloading;
        Assert.Same(first, holder.Current);
        await holder.Reloading;
        Assert.Equal(1, builds);
        Assert.IsType<TimeoutException>(Assert.Single(failures));
    }
}
