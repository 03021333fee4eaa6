using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scout.Storage.Firestore.Rest;

/// <summary>
/// The few Firestore v1 REST calls the store needs: commit (writes with preconditions), batchGet, runQuery,
/// and the admin GET of the database resource. Transactions are not used: over REST on the emulator a read
/// inside a transaction hangs, and updateTime preconditions give the optimistic concurrency we need.
/// </summary>
public sealed class FirestoreRestClient(HttpClient http, FirestoreOptions options, IAccessTokenSource tokens)
{
    public FirestoreOptions Options => options;

    public static FirestoreRestClient Create(FirestoreOptions options, HttpClient? http = null)
    {
        http ??= new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.BaseAddress ??= options.BaseAddress;
        IAccessTokenSource tokens = options.UsesEmulator ? new EmulatorTokenSource() : new ApplicationDefaultTokenSource();
        return new FirestoreRestClient(http, options, tokens);
    }

    /// <summary>Commits the writes atomically; returns the update time of each write.</summary>
    public async Task<IReadOnlyList<string?>> CommitAsync(IReadOnlyList<JsonObject> writes, CancellationToken ct)
    {
        var body = new JsonObject { ["writes"] = new JsonArray([.. writes.Select(w => w.DeepClone())]) };
        using var doc = await SendAsync(HttpMethod.Post, $"v1/{Escape(options.DocumentsRoot)}:commit", body, ct);
        if (!doc.RootElement.TryGetProperty("writeResults", out var results)) return writes.Select(_ => (string?)null).ToList();
        return results.EnumerateArray()
            .Select(r => r.TryGetProperty("updateTime", out var t) ? t.GetString() : null).ToList();
    }

    /// <summary>Reads documents by full name; missing ones come back null, in request order.</summary>
    public async Task<IReadOnlyList<FirestoreDocument?>> BatchGetAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var found = new Dictionary<string, FirestoreDocument>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct().Chunk(100))
        {
            var body = new JsonObject { ["documents"] = new JsonArray([.. chunk.Select(n => (JsonNode)JsonValue.Create(n))]) };
            using var doc = await SendAsync(HttpMethod.Post, $"v1/{Escape(options.DocumentsRoot)}:batchGet", body, ct);
            foreach (var item in doc.RootElement.EnumerateArray())
                if (item.TryGetProperty("found", out var f))
                {
                    var d = FirestoreDocument.Parse(f);
                    found[d.Name] = d;
                }
        }
        return names.Select(n => found.GetValueOrDefault(n)).ToList();
    }

    public async Task<FirestoreDocument?> GetAsync(string name, CancellationToken ct) => (await BatchGetAsync([name], ct))[0];

    /// <summary>Runs a structured query under a parent (the documents root or a document name).</summary>
    public async Task<IReadOnlyList<FirestoreDocument>> RunQueryAsync(string parent, JsonObject structuredQuery, CancellationToken ct)
    {
        var body = new JsonObject { ["structuredQuery"] = structuredQuery };
        using var doc = await SendAsync(HttpMethod.Post, $"v1/{Escape(parent)}:runQuery", body, ct);
        var list = new List<FirestoreDocument>();
        foreach (var item in doc.RootElement.EnumerateArray())
            if (item.TryGetProperty("document", out var d)) list.Add(FirestoreDocument.Parse(d));
        return list;
    }

    /// <summary>GET of the database resource (Firestore Admin API): its locationId, or null when the API is not there.</summary>
    /// <summary>The database's locationId from the admin API, or null with the HTTP status when it cannot be read.</summary>
    public async Task<(string? Location, HttpStatusCode Status)> GetDatabaseLocationAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/{Escape(options.DatabasePath)}");
        await AuthorizeAsync(request, ct);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotImplemented)
            return (null, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw Error(response.StatusCode, text);
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.TryGetProperty("locationId", out var loc) && loc.ValueKind == JsonValueKind.String ? loc.GetString() : null, response.StatusCode);
    }

    /// <summary>Deletes every document of the emulator's database (tests only).</summary>
    public async Task ResetEmulatorAsync(CancellationToken ct)
    {
        if (!options.UsesEmulator) throw new InvalidOperationException("reset is only for the emulator");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"emulator/v1/{Escape(options.DocumentsRoot)}");
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            await AuthorizeAsync(request, ct);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode) return JsonDocument.Parse(bytes);
            var error = Error(response.StatusCode, Encoding.UTF8.GetString(bytes));
            // Only reads and contention are retried here; a failed commit precondition is the caller's to decide.
            if (!error.Transient || attempt >= 5) throw error;
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), ct);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(ct));

    private static FirestoreRestException Error(HttpStatusCode code, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var e = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0].GetProperty("error") : doc.RootElement.GetProperty("error");
            return new FirestoreRestException(code, e.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "",
                e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : text);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return new FirestoreRestException(code, code.ToString().ToUpperInvariant(), text.Length > 300 ? text[..300] : text);
        }
    }

    /// <summary>Escapes each path segment for the URL ("%" inside a document id must survive the server's decoding).</summary>
    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
