using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Scout.Cli.Platform;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.DynamoDb;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;
using Scout.Storage.Sqlite;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// The local host (Kestrel on 127.0.0.1, the real ScoutPlatform with the real secret scanner) over one of the three
/// stores; the queue is the embedded SQLite queue in the host's folder, so its messages are scanned as files. Every log
/// line is kept for the scan.
/// </summary>
public sealed class SecurityHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<string> log;

    private SecurityHost(string folder, IScoutStore store, SqliteWorkQueue queue, ScoutPlatform platform, WebApplication app, Uri address, List<string> log)
    {
        Folder = folder; Store = store; Queue = queue; Platform = platform; this.app = app; Address = address; this.log = log;
    }

    public string Folder { get; }
    public IScoutStore Store { get; }
    public SqliteWorkQueue Queue { get; }
    public ScoutPlatform Platform { get; }
    public Uri Address { get; }
    public string Log { get { lock (log) return string.Join('\n', log); } }

    public static Task<SecurityHost> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("scout-security-").FullName;
        return StartAsync(folder, new SqliteScoutStore(folder));
    }

    public static Task<SecurityHost> DynamoDbAsync(string endpoint, string table) =>
        StartAsync(Directory.CreateTempSubdirectory("scout-security-").FullName,
            new DynamoDbScoutStore(DynamoDbClientFactory.Create("us-east-1", endpoint, new BasicAWSCredentials("test", "test")),
                new DynamoDbStoreOptions { TableName = table }));

    public static Task<SecurityHost> FirestoreAsync(string emulatorHostPort, string projectId) =>
        StartAsync(Directory.CreateTempSubdirectory("scout-security-").FullName,
            new FirestoreScoutStore(FirestoreRestClient.Create(new FirestoreOptions
            {
                ProjectId = projectId, EmulatorHost = emulatorHostPort, ConfiguredLocation = "us-east1",
            })));

    private static async Task<SecurityHost> StartAsync(string folder, IScoutStore store)
    {
        var queue = new SqliteWorkQueue(new SqliteDatabase(folder, "queue.db"), SystemClock.Instance);
        var platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions());
        var lines = new List<string>();
        var app = LocalWebHost.Build(platform, ScoutProcess.FreePort(), line => { lock (lines) lines.Add(line); });
        await app.StartAsync();
        return new SecurityHost(folder, store, queue, platform, app, new Uri(app.Urls.First()), lines);
    }

    /// <summary>Analyzes everything queued, logging like `scout serve` does.</summary>
    public Task<int> DrainAsync() => new SqliteQueueWorker(Queue, Platform.QueueAnalysis, line => { lock (log) log.Add(line); }).DrainAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
