using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Hosting;
using Scout.Testing.Delivery;

namespace Scout.Queue.PubSub.Tests;

/// <summary>
/// A poison upload on Firestore + Pub/Sub ends failed with the reason and a restart does not pick it up. A pulled
/// message carries no delivery count, so the give-up is Pub/Sub's dead-letter policy and the recording subscription.
/// </summary>
[Collection(GcpEmulatorsCollection.Name)]
public sealed class PubSubPoisonTests(GcpEmulatorServers servers)
{
    [Fact]
    public async Task A_poison_upload_ends_failed_with_the_reason_and_a_restart_does_not_pick_it_up_again()
    {
        var client = await servers.NewQueueAsync();
        var result = await PoisonRun.RunAsync(servers.NewStore(), new PubSubWorkQueue(client), GcpEmulatorServers.Consumer(client), TimeSpan.FromMinutes(3));

        Assert.Equal(UploadStatuses.Done, result.Good.Status);
        Assert.Equal(UploadStatuses.Failed, result.Poison.Status);
        Assert.Contains($"did not succeed after {DeliveryPolicy.MaxAttempts} delivery attempts", result.Poison.Reason);
        // Recovery at the consumer's start publishes the still-queued upload once more (this queue cannot say what it holds),
        // so two messages may race until the first gives up: at most two messages' worth of attempts.
        Assert.InRange(result.PoisonedCalls, DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts, 2 * DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts);
        Assert.Equal(0, result.Recovery.Pending);
        Assert.Equal(result.PoisonedCalls, result.PoisonedCallsAfterRestart);
        // The racing recovery duplicate may record its own final reason (its last fault's text) after the first: the upload
        // stays failed with a delivery-exhausted reason either way.
        Assert.Equal(UploadStatuses.Failed, result.PoisonAfterRestart.Status);
        Assert.StartsWith("analysis did not succeed after", result.PoisonAfterRestart.Reason);
        // The keeping subscription holds the dead letter(s) for inspection: the poison message, and its recovery duplicate
        // when that one also ran out of attempts before the upload was marked failed.
        var kept = await client.PullAsync(client.Options.DeadLetterSubscriptionPath, 10, default);
        Assert.InRange(kept.Count, 1, 2);
        Assert.All(kept, m => Assert.Equal(result.Poison.UploadId, AnalyzeImageMessageCodec.Decode(m.Data).UploadId));
    }
}
