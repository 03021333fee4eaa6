using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Scout.Core.Model;
using Scout.Core.Policy;
using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Core.Webhooks;

/// <summary>
/// Turns image events into one delivery per subscribed webhook, stored first (with a deterministic id, so the same
/// event raised twice is one delivery) and then queued as a reference on the platform's analysis queue: the queue's
/// retries and dead-letter carry deliveries like analyses (<see cref="WebhookDeliveries.MessagePrefix"/>).
/// </summary>
public sealed class WebhookNotifier(IScoutStore store, IWorkQueue queue, IClock clock) : IImageEventSink
{
    /// <summary>Findings per event; a refresh that adds more sends them in several events.</summary>
    public const int MaxFindingsPerEvent = 100;

    public async Task FindingsAddedAsync(ImageRef image, IReadOnlyList<Finding> added, CancellationToken ct)
    {
        foreach (var hook in await store.ListWebhooksAsync(image.TenantId, ct))
        {
            if (!hook.Events.Contains(WebhookEvents.FindingAdded)) continue;
            var threshold = Severities.Rank(hook.MinSeverity);
            var matching = added.Where(f => !f.Suppressed && f.Kind != FindingKinds.Indeterminate && Severities.Rank(f.Severity) >= threshold)
                .OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < matching.Count; i += MaxFindingsPerEvent)
            {
                var chunk = matching.Skip(i).Take(MaxFindingsPerEvent).ToList();
                // The id names the event, not the attempt: the same findings added to the same image give the same id.
                var identity = string.Join("\n", chunk.Select(f => f.Key + "|" + f.AdvisoryModified?.ToUnixTimeSeconds()));
                await RaiseAsync(hook, image, WebhookEvents.FindingAdded, identity, chunk, null, ct);
            }
        }
    }

    public async Task PolicyChangedAsync(ImageRef image, ImagePolicyResults previous, ImagePolicyResults current, CancellationToken ct)
    {
        var flips = PolicyEvaluation.Flips(previous, current).Select(f => new PolicyFlip(f.Policy, f.From, f.To)).ToList();
        if (flips.Count == 0) return;
        foreach (var hook in await store.ListWebhooksAsync(image.TenantId, ct))
        {
            if (!hook.Events.Contains(WebhookEvents.PolicyChanged)) continue;
            var identity = string.Join("\n", flips.Select(f => $"{f.Policy}|{f.From}|{f.To}")) + "\n" + current.EvaluatedAt.ToUnixTimeMilliseconds();
            await RaiseAsync(hook, image, WebhookEvents.PolicyChanged, identity, [], flips, ct);
        }
    }

    private async Task RaiseAsync(WebhookRecord hook, ImageRef image, string type, string identity, IReadOnlyList<Finding> findings,
        IReadOnlyList<PolicyFlip>? policies, CancellationToken ct)
    {
        var id = "dlv_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{hook.Id}\n{type}\n{image.Digest}\n{identity}")))[..32].ToLowerInvariant();
        var body = new WebhookEventBody(id, type, image.TenantId, new WebhookImage(image.Digest), findings, clock.UtcNow) { Policies = policies };
        var delivery = new WebhookDeliveryRecord(image.TenantId, id, hook.Id, type, ScoutJson.Serialize(body, ScoutJsonContext.Default.WebhookEventBody),
            DeliveryStatuses.Pending, 0, null, clock.UtcNow);
        var created = await store.CreateDeliveryAsync(delivery, ct);
        // Enqueued again when still pending: a crash between the two writes must not lose the event.
        if (created || (await store.GetDeliveryAsync(image.TenantId, id, ct))?.Status == DeliveryStatuses.Pending)
            await queue.EnqueueAsync(WebhookDeliveries.Message(image.TenantId, id), ct);
    }
}

/// <summary>
/// Sends one queued delivery: signed POST, 5 s timeout, no redirects, the SSRF guard on the address actually
/// connected. A 2xx marks it delivered (a redelivered message then sends nothing); anything else throws so the queue
/// retries, until <see cref="WebhookSettings.MaxAttempts"/> where the delivery is kept as dead with its last error.
/// </summary>
public sealed class WebhookDeliveries(IScoutStore store, WebhookSettings settings, IClock clock, HttpMessageHandler? handler = null)
{
    /// <summary>Deliveries ride the analysis queue as AnalyzeImageMessage(tenant, "webhook:" + id): no queue adapter changes.</summary>
    public const string MessagePrefix = "webhook:";

    public static AnalyzeImageMessage Message(string tenantId, string deliveryId) => new(tenantId, MessagePrefix + deliveryId);

    public static bool IsDelivery(AnalyzeImageMessage message) => message.UploadId.StartsWith(MessagePrefix, StringComparison.Ordinal);

    private readonly HttpClient http = new(handler ?? GuardedHandler(settings)) { Timeout = WebhookSettings.Timeout };

    public async Task<string> HandleAsync(AnalyzeImageMessage message, CancellationToken ct = default)
    {
        var id = message.UploadId[MessagePrefix.Length..];
        var delivery = await store.GetDeliveryAsync(message.TenantId, id, ct);
        if (delivery is null) return "no such delivery";
        if (delivery.Status != DeliveryStatuses.Pending) return $"already {delivery.Status}";
        var hook = await store.GetWebhookAsync(message.TenantId, delivery.WebhookId, ct);
        if (hook is null || settings.Key is null)
        {
            await store.SaveDeliveryAsync(delivery with { Status = DeliveryStatuses.Dead, LastError = hook is null ? "webhook deleted" : "SCOUT_WEBHOOK_KEY is not set", UpdatedAt = clock.UtcNow }, ct);
            return "dead";
        }
        string? error;
        try
        {
            var secret = WebhookSecretBox.Open(settings.Key, hook.TenantId, hook.Id, hook.SecretCiphertext);
            using var request = Signed(hook.Url, delivery, secret, clock.UtcNow);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or CryptographicException && !ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "timed out after 5 s" : e.Message;
        }
        var attempts = delivery.Attempts + 1;
        if (error is null)
        {
            await store.SaveDeliveryAsync(delivery with { Status = DeliveryStatuses.Delivered, Attempts = attempts, LastError = null, UpdatedAt = clock.UtcNow }, ct);
            return "delivered";
        }
        var dead = attempts >= WebhookSettings.MaxAttempts;
        await store.SaveDeliveryAsync(delivery with { Status = dead ? DeliveryStatuses.Dead : DeliveryStatuses.Pending, Attempts = attempts, LastError = error, UpdatedAt = clock.UtcNow }, ct);
        if (dead) return "dead: " + error;
        throw new WebhookDeliveryException($"webhook delivery {id} attempt {attempts} failed: {error}");
    }

    /// <summary>X-Scout-Signature: sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}")) (DESIGN.md section 8).</summary>
    public static HttpRequestMessage Signed(string url, WebhookDeliveryRecord delivery, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var signature = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body])).ToLowerInvariant();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Scout-Event", delivery.EventType);
        request.Headers.Add("X-Scout-Delivery", delivery.DeliveryId);
        request.Headers.Add("X-Scout-Timestamp", timestamp);
        request.Headers.Add("X-Scout-Signature", "sha256=" + signature);
        return request;
    }

    /// <summary>Connects only to addresses the guard allows (checked on the resolved address, so DNS rebinding does not get past it); never follows redirects.</summary>
    private static SocketsHttpHandler GuardedHandler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = WebhookSettings.Timeout,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            foreach (var address in addresses)
            {
                if (WebhookAddressGuard.Refusal(address, host, settings.Allow) is { } why)
                    throw new HttpRequestException($"{host} resolves to {address}, {why}; refused (SCOUT_WEBHOOK_ALLOW)");
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

/// <summary>A delivery attempt that failed and will be retried by the queue.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
