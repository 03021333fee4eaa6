using System.Security.Cryptography;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Webhooks;

namespace Scout.Core.Api;

// POST|GET /v1/webhooks, DELETE /v1/webhooks/{id} (DESIGN.md section 8). The secret is never returned.
public sealed partial class ScoutApi
{
    private async Task<ApiResponse> WebhooksAsync(TenantRecord tenant, ApiRequest request, string method, CancellationToken ct)
    {
        Allow(request, method, "GET", "POST");
        if (method == "GET")
        {
            var hooks = await Store.ListWebhooksAsync(tenant.TenantId, ct);
            return JsonAnswers.Json(200, new WebhookListView([.. hooks.Select(h => new WebhookView(h.Id, h.Url, h.MinSeverity, h.Events, h.CreatedAt))]), Json.WebhookListView);
        }
        var settings = services.Webhooks ?? new WebhookSettings(null, []);
        if (settings.Key is null) throw new ApiError(501, "not_configured", "webhooks need SCOUT_WEBHOOK_KEY (base64 of 32 bytes) to keep secrets encrypted");
        using var doc = ParseJson(request, "{url, secret, minSeverity, events}");
        var root = doc.RootElement;
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("url" or "secret" or "minSeverity" or "events"))
                throw ApiError.BadRequest($"{p.Name}: unknown field (expected url, secret, minSeverity, events)");
        var url = Text(root, "url") ?? throw ApiError.BadRequest("url: required");
        var secret = Text(root, "secret") ?? throw ApiError.BadRequest("secret: required");
        if (secret.Length is < 16 or > 256) throw ApiError.BadRequest("secret: 16 to 256 characters");
        var minSeverity = Text(root, "minSeverity") ?? Severities.High;
        if (minSeverity is not (Severities.Critical or Severities.High or Severities.Medium or Severities.Low or Severities.Unknown))
            throw ApiError.BadRequest("minSeverity: expected critical, high, medium, low or unknown");
        var events = root.TryGetProperty("events", out _) ? StringArray(root, "events", required: true, max: 10) : [.. WebhookEvents.All];
        for (var i = 0; i < events.Count; i++)
            if (!WebhookEvents.All.Contains(events[i])) throw ApiError.BadRequest($"events[{i}]: expected {string.Join(" or ", WebhookEvents.All)}");
        if (events.Count == 0) throw ApiError.BadRequest("events: at least one event");
        if (await WebhookAddressGuard.CheckUrlAsync(url, settings.Allow, ct) is { } refusal) throw ApiError.BadRequest(refusal);

        var id = "wh_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        await Store.CreateWebhookAsync(new WebhookRecord(tenant.TenantId, id, url, WebhookSecretBox.Seal(settings.Key, tenant.TenantId, id, secret),
            minSeverity, [.. events.Distinct()], services.Clock.UtcNow), ct);
        return JsonAnswers.Json(201, new WebhookCreated(id), Json.WebhookCreated);
    }

    private async Task<ApiResponse> DeleteWebhookAsync(TenantRecord tenant, string id, ApiRequest request, string method, CancellationToken ct)
    {
        Allow(request, method, "DELETE");
        if (!await Store.DeleteWebhookAsync(tenant.TenantId, id, ct)) throw ApiError.NotFound($"no webhook {id}");
        return new ApiResponse(204, "application/json", ReadOnlyMemory<byte>.Empty);
    }

    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw ApiError.BadRequest($"{name}: expected a string");
}

public sealed record WebhookCreated(string Id);

public sealed record WebhookView(string Id, string Url, string MinSeverity, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

public sealed record WebhookListView(IReadOnlyList<WebhookView> Webhooks);
