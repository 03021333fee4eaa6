using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Sbom;
using Scout.Storage.Sqlite;

namespace Scout.Hosting.Tests;

/// <summary>The platform on a real SQLite store and queue in a temporary folder, with the real SBOM normalizer.</summary>
public sealed class RealPlatform : IDisposable
{
    public RealPlatform(IAdvisoryMatcher? matcher = null, ScoutOptions? options = null, ISecretScanner? secrets = null, IBaseImageSource? baseImages = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("scout-hosting-test-").FullName;
        Store = new SqliteScoutStore(Directory);
        Store.InitializeAsync().GetAwaiter().GetResult();
        Queue = new SqliteWorkQueue(new SqliteDatabase(Directory, "queue.db"), SystemClock.Instance);
        Platform = ScoutPlatform.Create(Store, Queue, new ScoutComponents(new SbomNormalizer(), matcher ?? new NoAdvisories(), secrets ?? new NoSecrets()) { BaseImages = baseImages },
            options ?? new ScoutOptions());
    }

    public string Directory { get; }
    public SqliteScoutStore Store { get; }
    public SqliteWorkQueue Queue { get; }
    public ScoutPlatform Platform { get; }

    public async Task<(string TenantId, string Key)> NewTenantAsync(string name = "acme")
    {
        var created = await Platform.Keys.CreateTenantAsync(name);
        return (created.Tenant.TenantId, created.ApiKey);
    }

    public Task<ApiResponse> PutJsonAsync(string path, string key, string json) => SendAsync("PUT", path, key, Encoding.UTF8.GetBytes(json));

    public Task<ApiResponse> SendAsync(string method, string path, string key, byte[]? body = null, IDictionary<string, string>? query = null) =>
        Platform.Api.HandleAsync(new ApiRequest
        {
            Method = method, Path = path, Body = body ?? [],
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
            Query = query is null ? new Dictionary<string, string>() : new Dictionary<string, string>(query),
        });

    public Task<int> DrainAsync() => new SqliteQueueWorker(Queue, Platform.Delivery).DrainAsync();

    /// <summary>Uploads a document as the SBOM of an image (JSON inline, anything else as sbomBase64) and drains the queue.</summary>
    public async Task<JsonElement> UploadAsync(string key, string digest, byte[] sbom, string? registryUrl = null, string? env = null)
    {
        var trimmed = Encoding.UTF8.GetString(sbom).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        var isJson = trimmed.StartsWith('{');
        var sbomField = isJson ? $"\"sbom\": {Encoding.UTF8.GetString(sbom).TrimStart('\uFEFF')}" : $"\"sbomBase64\": \"{Convert.ToBase64String(sbom)}\"";
        var registry = registryUrl is null ? "" : $",\"registry\":{{\"url\":\"{registryUrl}\",\"type\":\"dockerhub\"}}";
        var envelope = Encoding.UTF8.GetBytes($$"""{"image":{"digest":"{{digest}}"{{registry}}{{(env is null ? "" : ",\"env\":" + env)}}},{{sbomField}}}""");
        var accepted = await SendAsync("POST", "/v1/images", key, envelope);
        Assert.True(accepted.Status == 202, $"upload refused: {Encoding.UTF8.GetString(accepted.Body.Span)}");
        await DrainAsync();
        var id = Json(accepted).GetProperty("uploadId").GetString()!;
        return Json(await SendAsync("GET", $"/v1/uploads/{id}", key));
    }

    public static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();

    public static string DigestOf(string text) => "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    private sealed class NoAdvisories : IAdvisoryMatcher
    {
        public OverlayResult Overlay(OverlayRequest request) => new([], [], []);
    }

    private sealed class NoSecrets : ISecretScanner
    {
        public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image) => (image, []);
    }
}
