using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Cli.Platform;

/// <summary>Consumes the analysis queue of one backend and hands each message to the platform's QueueAnalysis.</summary>
public interface IQueueConsumer
{
    Task RunAsync(ScoutPlatform platform, CancellationToken ct);
}

/// <summary>An opened backend: the store, the queue producer and its consumer.</summary>
public sealed record OpenedBackend(IScoutStore Store, IWorkQueue Queue, Func<ScoutPlatform, IQueueConsumer> Consumer);

/// <summary>Opens the store and queue named by --store / --queue. Cloud backends live in AwsBackend / GcpBackend.</summary>
public static class Backends
{
    public static async Task<IScoutStore> OpenStoreAsync(PlatformSelection selection, CancellationToken ct)
    {
        IScoutStore store = selection.Store switch
        {
            "sqlite" => OpenSqlite(selection.DataDirectory),
            "dynamodb" => await AwsBackend.OpenStoreAsync(ct),
            "firestore" => await GcpBackend.OpenStoreAsync(ct),
            _ => throw new CliUsageException($"--store {selection.Store}: expected sqlite, dynamodb or firestore"),
        };
        try
        {
            await store.InitializeAsync(ct);
        }
        catch (Exception e) when (selection.Store == "sqlite" && e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new CliUsageException($"--data {selection.DataDirectory}: cannot use it for the embedded store: {e.Message}");
        }
        return store;
    }

    private static SqliteScoutStore OpenSqlite(string directory)
    {
        try
        {
            return new SqliteScoutStore(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new CliUsageException($"--data {directory}: cannot use it for the embedded store: {e.Message}");
        }
    }

    public static async Task<OpenedBackend> OpenAsync(PlatformSelection selection, Action<string> log, CancellationToken ct)
    {
        var store = await OpenStoreAsync(selection, ct);
        switch (selection.Queue)
        {
            case "inprocess":
                var queue = new SqliteWorkQueue(new SqliteDatabase(selection.DataDirectory, "queue.db"), SystemClock.Instance);
                return new OpenedBackend(store, queue, platform => new InProcessConsumer(queue, platform, log));
            case "sqs":
                return new OpenedBackend(store, await AwsBackend.OpenQueueAsync(ct), platform => AwsBackend.Consumer(platform, log));
            case "pubsub":
                return new OpenedBackend(store, await GcpBackend.OpenQueueAsync(ct), platform => GcpBackend.Consumer(platform, log));
            default:
                throw new CliUsageException($"--queue {selection.Queue}: expected inprocess, sqs or pubsub");
        }
    }

    private sealed class InProcessConsumer(SqliteWorkQueue queue, ScoutPlatform platform, Action<string> log) : IQueueConsumer
    {
        public async Task RunAsync(ScoutPlatform p, CancellationToken ct)
        {
            await EmbeddedQueueStart.RecoverAsync(queue, platform, log, ct);
            await new SqliteQueueWorker(queue, platform.Delivery, log) { Consumers = Scout.Core.Settings.ScoutSettings.Current.QueueConsumers }.RunAsync(ct);
        }
    }
}
