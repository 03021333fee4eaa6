using Scout.Hosting;
using Scout.Queue.PubSub.Delivery;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Delivery;
using Scout.Testing.Servers;

namespace Scout.Queue.PubSub.Tests;

/// <summary>The Firestore and Pub/Sub emulators, started once for the tests of this project (run one after another).</summary>
public sealed class GcpEmulatorServers : IAsyncLifetime
{
    public const string ProjectId = "demo-test";
    public GcpEmulator Firestore { get; private set; } = null!;
    public GcpEmulator PubSub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var firestore = GcpEmulator.StartFirestoreAsync(ProjectId);
        var pubsub = GcpEmulator.StartPubSubAsync(ProjectId);
        (Firestore, PubSub) = (await firestore, await pubsub);
    }

    public async Task DisposeAsync()
    {
        if (Firestore != null) await Firestore.DisposeAsync();
        if (PubSub != null) await PubSub.DisposeAsync();
    }

    public FirestoreScoutStore NewStore() => new(FirestoreRestClient.Create(new FirestoreOptions
    {
        ProjectId = ProjectId, EmulatorHost = Firestore.HostPort, ConfiguredLocation = "us-east1",
    }));

    /// <summary>A fresh topic, worker subscription and dead-letter topic with its keeping and (pull) recording subscriptions.</summary>
    public async Task<PubSubRestClient> NewQueueAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var client = PubSubRestClient.Create(new PubSubOptions
        {
            ProjectId = ProjectId, EmulatorHost = PubSub.HostPort,
            Topic = "analyze-" + suffix, Subscription = "worker-" + suffix, DeadLetterTopic = "dead-" + suffix,
            DeadLetterSubscription = "dead-keep-" + suffix, DeadLetterPushSubscription = "dead-record-" + suffix,
            AckDeadlineSeconds = 10, MinimumBackoff = TimeSpan.FromSeconds(1), MaximumBackoff = TimeSpan.FromSeconds(1),
        });
        await new PubSubProvisioner(client).ProvisionAsync();
        return client;
    }

    /// <summary>What `scout serve --queue pubsub` runs (functions/Scout.Cli/Platform/GcpBackend.cs): recovery, then the in-process puller.</summary>
    public static QueueConsumer Consumer(PubSubRestClient client) => async (platform, ct) =>
    {
        await PendingUploadRecovery.RunAsync(platform.Store, new PubSubWorkQueue(client), platform.Delivery, ct, platform.Options.Resilience);
        await PubSubPuller.InProcess(client, new PubSubDeliveryHandler(platform.Delivery)).RunAsync(ct);
    };
}

[CollectionDefinition(Name)]
public sealed class GcpEmulatorsCollection : ICollectionFixture<GcpEmulatorServers>
{
    public const string Name = "gcp-emulators";
}
