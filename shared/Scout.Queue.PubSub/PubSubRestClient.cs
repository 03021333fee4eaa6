using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Apis.Auth.OAuth2;

namespace Scout.Queue.PubSub;

/// <summary>A message as pulled: what the push envelope and the Eventarc CloudEvent also carry.</summary>
public sealed record PulledMessage(string AckId, string MessageId, byte[] Data, IReadOnlyDictionary<string, string> Attributes,
    string? PublishTime, int DeliveryAttempt);

/// <summary>The Pub/Sub v1 REST calls the queue, the provisioner and the local puller use.</summary>
/// <param name="token">an access-token source in place of Application Default Credentials (tests against a stub)</param>
public sealed class PubSubRestClient(HttpClient http, PubSubOptions options, Func<CancellationToken, Task<string>>? token = null)
{
    private const string Scope = "https://www.googleapis.com/auth/pubsub";
    private ITokenAccess? credential;

    public PubSubOptions Options => options;

    public static PubSubRestClient Create(PubSubOptions options, HttpClient? http = null)
    {
        http ??= new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        http.BaseAddress ??= options.BaseAddress;
        return new PubSubRestClient(http, options);
    }

    public async Task<IReadOnlyList<string>> PublishAsync(string topicPath, IReadOnlyList<(byte[] Data, IReadOnlyDictionary<string, string> Attributes)> messages, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject
            {
                ["data"] = Convert.ToBase64String(m.Data),
                ["attributes"] = new JsonObject([.. m.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]),
            })]),
        };
        using var doc = await SendAsync(HttpMethod.Post, $"v1/{topicPath}:publish", body, ct);
        return doc.RootElement.GetProperty("messageIds").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public async Task<IReadOnlyList<PulledMessage>> PullAsync(string subscriptionPath, int maxMessages, CancellationToken ct)
    {
        using var doc = await SendAsync(HttpMethod.Post, $"v1/{subscriptionPath}:pull", new JsonObject { ["maxMessages"] = maxMessages }, ct);
        if (!doc.RootElement.TryGetProperty("receivedMessages", out var received)) return [];
        return received.EnumerateArray().Select(r =>
        {
            var m = r.GetProperty("message");
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (m.TryGetProperty("attributes", out var a)) foreach (var p in a.EnumerateObject()) attributes[p.Name] = p.Value.GetString() ?? "";
            return new PulledMessage(r.GetProperty("ackId").GetString()!, m.GetProperty("messageId").GetString()!,
                m.TryGetProperty("data", out var d) ? d.GetBytesFromBase64() : [], attributes,
                m.TryGetProperty("publishTime", out var t) ? t.GetString() : null,
                r.TryGetProperty("deliveryAttempt", out var n) ? n.GetInt32() : 0);
        }).ToList();
    }

    public async Task AcknowledgeAsync(string subscriptionPath, IReadOnlyList<string> ackIds, CancellationToken ct)
    {
        if (ackIds.Count == 0) return;
        using var _ = await SendAsync(HttpMethod.Post, $"v1/{subscriptionPath}:acknowledge", new JsonObject { ["ackIds"] = Ids(ackIds) }, ct);
    }

    /// <summary>A deadline of 0 is a nack: the message is redelivered (and counts toward the dead-letter attempts).</summary>
    public async Task ModifyAckDeadlineAsync(string subscriptionPath, IReadOnlyList<string> ackIds, int seconds, CancellationToken ct)
    {
        if (ackIds.Count == 0) return;
        using var _ = await SendAsync(HttpMethod.Post, $"v1/{subscriptionPath}:modifyAckDeadline",
            new JsonObject { ["ackIds"] = Ids(ackIds), ["ackDeadlineSeconds"] = seconds }, ct);
    }

    /// <summary>PUT of a topic or subscription; true when created, false when it already existed.</summary>
    public async Task<bool> CreateAsync(string path, JsonObject body, CancellationToken ct)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Put, $"v1/{path}", body, ct);
            return true;
        }
        catch (PubSubException e) when (e.HttpStatus == HttpStatusCode.Conflict) { return false; }
    }

    public async Task<JsonDocument?> GetAsync(string path, CancellationToken ct)
    {
        try { return await SendAsync(HttpMethod.Get, $"v1/{path}", null, ct); }
        catch (PubSubException e) when (e.HttpStatus == HttpStatusCode.NotFound) { return null; }
    }

    public Task PatchSubscriptionAsync(string path, JsonObject subscription, IEnumerable<string> fields, CancellationToken ct) =>
        PatchAsync(path, "subscription", subscription, fields, ct);

    /// <summary>PATCH of a topic or subscription: {kind: resource, updateMask: fields}.</summary>
    public async Task PatchAsync(string path, string kind, JsonObject resource, IEnumerable<string> fields, CancellationToken ct)
    {
        var body = new JsonObject { [kind] = resource, ["updateMask"] = string.Join(',', fields) };
        using var _ = await SendAsync(HttpMethod.Patch, $"v1/{path}", body, ct);
    }

    private static JsonArray Ids(IEnumerable<string> ids) => new([.. ids.Select(i => (JsonNode)JsonValue.Create(i))]);

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body != null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new PubSubException(response.StatusCode, $"Pub/Sub {method} {path}: {(int)response.StatusCode} {(text.Length > 300 ? text[..300] : text)}");
        return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (options.UsesEmulator) return "emulator";
        if (token != null) return await token(ct);
        credential ??= (await GoogleCredential.GetApplicationDefaultAsync(ct)).CreateScoped(Scope);
        return await credential.GetAccessTokenForRequestAsync(cancellationToken: ct);
    }
}

public sealed class PubSubException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode HttpStatus { get; } = status;
}
