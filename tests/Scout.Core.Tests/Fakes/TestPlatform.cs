using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Ports;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Core.Tests.Fakes;

/// <summary>The platform on a real SQLite store and queue in a temporary folder, with the fake analysis components.</summary>
public sealed class TestPlatform : IDisposable
{
    public TestPlatform(UploadLimitsOverride? limits = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("scout-core-test-").FullName;
        Store = new SqliteScoutStore(Directory);
        Queue = new SqliteWorkQueue(new SqliteDatabase(Directory, "queue.db"), SystemClock.Instance);
        Platform = ScoutPlatform.Create(Store, Queue, new ScoutComponents(Normalizer, new VersionOneMatcher(), new PrefixSecretScanner()),
            new ScoutOptions { Limits = limits?.Apply(new()) ?? new() });
    }

    public string Directory { get; }
    public SqliteScoutStore Store { get; }
    public SqliteWorkQueue Queue { get; }
    public ListNormalizer Normalizer { get; } = new();
    public ScoutPlatform Platform { get; }

    public async Task<string> NewKeyAsync(string name = "acme") => (await Platform.Keys.CreateTenantAsync(name)).ApiKey;

    public Task<ApiResponse> SendAsync(string method, string path, string? key = null, byte[]? body = null,
        IDictionary<string, string>? headers = null, IDictionary<string, string>? query = null)
    {
        var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (key != null) h["Authorization"] = "Bearer " + key;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) h[k] = v;
        return Platform.Api.HandleAsync(new ApiRequest
        {
            Method = method, Path = path, Headers = h, Body = body ?? [],
            Query = query is null ? new Dictionary<string, string>() : new Dictionary<string, string>(query),
        });
    }

    public Task<int> DrainAsync() => new SqliteQueueWorker(Queue, Platform.Delivery).DrainAsync();

    public static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(bytes);
        return output.ToArray();
    }

    public static string Digest(int n) => "sha256:" + n.ToString("x").PadLeft(64, '0');

    public static byte[] Envelope(string digest, string[]? purls = null, string? extraEnv = null, string? environment = null) =>
        Encoding.UTF8.GetBytes($$"""
        {"image":{"digest":"{{digest}}","createdAt":"2026-11-01T10:00:00Z","exposedPorts":["80/tcp"],
          "env":[{"name":"PATH","value":"/usr/bin"}{{(extraEnv is null ? "" : "," + extraEnv)}}],
          "labels":{"team":"web"},"layers":["sha256:{{new string('a', 64)}}"],"architecture":"arm64",
          "os":{"type":"linux","version":"12"},"registry":{"url":"docker.io/library/nginx","type":"dockerhub"} },
         "sbom":{"packages":[{{PurlList(purls)}}]}
         {{(environment is null ? "" : ",\"environment\":" + environment)}} }
        """);

    private static string PurlList(string[]? purls) =>
        string.Join(",", (purls ?? ["pkg:npm/left-pad@1.0", "pkg:npm/right-pad@2.0"]).Select(p => "\"" + p + "\""));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

public sealed record UploadLimitsOverride(long? MaxCompressedBytes = null, long? MaxDecompressedBytes = null, int? MaxJsonDepth = null)
{
    public Scout.Core.UseCases.UploadLimits Apply(Scout.Core.UseCases.UploadLimits limits) => limits with
    {
        MaxCompressedBytes = MaxCompressedBytes ?? limits.MaxCompressedBytes,
        MaxDecompressedBytes = MaxDecompressedBytes ?? limits.MaxDecompressedBytes,
        MaxJsonDepth = MaxJsonDepth ?? limits.MaxJsonDepth,
    };
}
