using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>Per-tenant webhooks and their deliveries (tenant-scoped like every tenant read).</summary>
public interface IWebhookStore
{
    Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct = default);
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string tenantId, CancellationToken ct = default);
    Task<WebhookRecord?> GetWebhookAsync(string tenantId, string id, CancellationToken ct = default);
    /// <summary>False when there was no such webhook.</summary>
    Task<bool> DeleteWebhookAsync(string tenantId, string id, CancellationToken ct = default);
    /// <summary>Stores the delivery unless one with the same id exists (an event raised twice is delivered once); true when created.</summary>
    Task<bool> CreateDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default);
    Task<WebhookDeliveryRecord?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken ct = default);
    Task SaveDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default);
    /// <summary>The tenant's deliveries of every webhook, in no particular order (GET /v1/webhooks/{id}/deliveries).</summary>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string tenantId, CancellationToken ct = default);
}
