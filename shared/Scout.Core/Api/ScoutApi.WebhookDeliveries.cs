using Scout.Core.Model;

namespace Scout.Core.Api;

// GET /v1/webhooks/{id}/deliveries: what became of a webhook's events, so a delivery that failed until it was given up
// (dead, with its last error) is visible to its owner instead of lost silently.
public sealed partial class ScoutApi
{
    /// <summary>The newest deliveries shown; older ones stay stored.</summary>
    public const int DeliveriesShown = 100;

    private async Task<ApiResponse> ListDeliveriesAsync(TenantRecord tenant, string webhookId, CancellationToken ct)
    {
        if (await Store.GetWebhookAsync(tenant.TenantId, webhookId, ct) is null) throw ApiError.NotFound($"no webhook {webhookId}");
        var deliveries = (await Store.ListDeliveriesAsync(tenant.TenantId, ct))
            .Where(d => d.WebhookId == webhookId)
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.DeliveryId, StringComparer.Ordinal)
            .ToList();
        var counts = deliveries.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shown = deliveries.Take(DeliveriesShown)
            .Select(d => new WebhookDeliveryView(d.DeliveryId, d.EventType, d.Status, d.Attempts, d.LastError, d.UpdatedAt)).ToList();
        return JsonAnswers.Json(200, new WebhookDeliveryListView(webhookId, counts, shown), Json.WebhookDeliveryListView);
    }
}

public sealed record WebhookDeliveryView(string Id, string Type, string Status, int Attempts, string? LastError, DateTimeOffset UpdatedAt);

/// <param name="Counts">every stored delivery of the webhook by status (pending, delivered, dead)</param>
/// <param name="Deliveries">the newest <see cref="ScoutApi.DeliveriesShown"/>, newest first</param>
public sealed record WebhookDeliveryListView(string WebhookId, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<WebhookDeliveryView> Deliveries);
