using Scout.Core.Ports;
using Scout.Hosting;

namespace Scout.Cli.Platform;

/// <summary>Firestore store and Pub/Sub queue for `scout serve/provision --store firestore --queue pubsub` (built by the GCP issue).</summary>
public static class GcpBackend
{
    public static Task<IScoutStore> OpenStoreAsync(CancellationToken ct) =>
        throw new CliUsageException("--store firestore: not available in this build yet");

    public static Task<IWorkQueue> OpenQueueAsync(CancellationToken ct) =>
        throw new CliUsageException("--queue pubsub: not available in this build yet");

    public static IQueueConsumer Consumer(ScoutPlatform platform, Action<string> log) =>
        throw new CliUsageException("--queue pubsub: not available in this build yet");

    public static Task ProvisionAsync(bool store, bool queue, TextWriter output, CancellationToken ct) =>
        throw new CliUsageException("provision for firestore/pubsub: not available in this build yet");
}
