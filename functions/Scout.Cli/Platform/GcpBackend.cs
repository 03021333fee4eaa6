using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Queue.PubSub.Delivery;
using Scout.Storage.Firestore;

namespace Scout.Cli.Platform;

/// <summary>
/// Firestore store and Pub/Sub queue for `scout serve/provision --store firestore --queue pubsub`. Configuration comes
/// from GOOGLE_CLOUD_PROJECT, FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST and SCOUT_FIRESTORE_LOCATION; a location
/// outside US-East is refused when the store initializes (exit code 2).
/// </summary>
public static class GcpBackend
{
    public static Task<IScoutStore> OpenStoreAsync(CancellationToken ct) =>
        Task.FromResult<IScoutStore>(FirestoreScoutStore.FromEnvironment());

    /// <summary>The analysis topic's producer, once its message storage policy is known to keep messages in US-East.</summary>
    public static async Task<IWorkQueue> OpenQueueAsync(CancellationToken ct)
    {
        var client = PubSubRestClient.Create(PubSubOptions.FromEnvironment());
        await PubSubResidency.EnsureAsync(client, ct);
        return new PubSubWorkQueue(client);
    }

    /// <summary>
    /// Pulls the worker subscription and delivers each message as the Eventarc CloudEvent to the queue-analysis
    /// function's handler, in process: the same reader, outcomes and ack/nack as on Cloud Run. Also pulls the
    /// dead-letter recording subscription into the same dead-letter handling as /events/dead-letter, so an upload
    /// whose message was dead-lettered ends failed with the reason.
    /// </summary>
    public static IQueueConsumer Consumer(ScoutPlatform platform, Action<string> log) => new PullConsumer(log);

    public static async Task ProvisionAsync(bool store, bool queue, TextWriter output, CancellationToken ct)
    {
        if (store)
        {
            var firestore = FirestoreScoutStore.FromEnvironment();
            await firestore.InitializeAsync(ct);
            output.WriteLine($"firestore: {firestore.Client.Options.DatabasePath} in {firestore.Location} (collections need no creation; indexes: infra/gcp)");
        }
        if (queue)
        {
            var options = PubSubOptions.FromEnvironment();
            await new PubSubProvisioner(PubSubRestClient.Create(options)).ProvisionAsync(ct);
            output.WriteLine($"pubsub: {options.TopicPath}, {options.SubscriptionPath} (dead letters after {options.MaxDeliveryAttempts} attempts to {options.DeadLetterTopicPath})");
        }
    }

    private sealed class PullConsumer(Action<string> log) : IQueueConsumer
    {
        public async Task RunAsync(ScoutPlatform platform, CancellationToken ct)
        {
            var options = PubSubOptions.FromEnvironment();
            var client = PubSubRestClient.Create(options);
            // An upload stored but never published (a crash between the two writes) is published again; a duplicate of
            // one still in flight is harmless: the queue function is idempotent.
            var queue = new PubSubWorkQueue(client);
            foreach (var pending in await platform.Store.ListPendingUploadsAsync(ct))
                await queue.EnqueueAsync(new AnalyzeImageMessage(pending.TenantId, pending.UploadId), ct);
            // Dead letters are pulled from a subscription of their own (the keeping one still holds every dead letter).
            await new PubSubProvisioner(client).EnsureDeadLetterRecordingAsync(ct);
            var handler = new PubSubDeliveryHandler(platform.QueueAnalysis.HandleAsync, platform.Store, platform.Options.Clock, options.MaxDeliveryAttempts);
            await PubSubPuller.InProcess(client, handler, r =>
                log($"pubsub: {r.Outcome} {r.Delivery?.Message.UploadId ?? "(unreadable)"}{(r.Reason is null ? "" : ": " + r.Reason)}")).RunAsync(ct);
        }
    }
}
