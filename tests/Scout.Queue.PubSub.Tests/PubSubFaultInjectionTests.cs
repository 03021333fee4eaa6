using Scout.Hosting;
using Scout.Testing.Delivery;
using Xunit.Abstractions;

namespace Scout.Queue.PubSub.Tests;

/// <summary>Issue 12's fault-injection proof on the Firestore + Pub/Sub emulators, consumed as `scout serve --queue pubsub` consumes it.</summary>
[Collection(GcpEmulatorsCollection.Name)]
public sealed class PubSubFaultInjectionTests(GcpEmulatorServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_uploads_under_store_and_queue_faults_all_end_with_fault_free_findings()
    {
        var client = await servers.NewQueueAsync();
        var options = new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(5)) };
        var figures = await FaultRun.RunAsync("Firestore + Pub/Sub emulators", servers.NewStore(), new PubSubWorkQueue(client),
            GcpEmulatorServers.Consumer(client), uploads: 200, seed: 2424, timeout: TimeSpan.FromMinutes(6), options, output.WriteLine);
        output.WriteLine(figures.ToString());
        Assert.True(figures.Problems.Count == 0, string.Join("\n", figures.Problems.Take(20)));
        Assert.True(figures.Faults() > 0, "no fault was injected");
        Assert.True(figures.MessagesDuplicated > 0, "no message was duplicated");
        Assert.Equal(200, figures.Done + figures.Failed);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.DuplicatedRows);
        Assert.Equal(0, figures.FindingMismatches);
    }
}
