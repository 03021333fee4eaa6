using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    private const string WebhookKind = "webhook", DeliveryKind = "webhook-delivery";

    public Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct = default)
    {
        PutDocument(webhook.TenantId, WebhookKind, webhook.Id, ScoutJson.Serialize(webhook, ScoutJsonContext.Default.WebhookRecord));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string tenantId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<WebhookRecord>>([.. ListDocuments(tenantId, WebhookKind).Select(b => ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookRecord))]);

    public Task<WebhookRecord?> GetWebhookAsync(string tenantId, string id, CancellationToken ct = default) =>
        Task.FromResult(GetDocument(tenantId, WebhookKind, id) is { } b ? ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookRecord) : null);

    public Task<bool> DeleteWebhookAsync(string tenantId, string id, CancellationToken ct = default) => Task.FromResult(DeleteDocument(tenantId, WebhookKind, id));

    public Task<bool> CreateDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default) =>
        Task.FromResult(CreateDocument(delivery.TenantId, DeliveryKind, delivery.DeliveryId, ScoutJson.Serialize(delivery, ScoutJsonContext.Default.WebhookDeliveryRecord)));

    public Task<WebhookDeliveryRecord?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken ct = default) =>
        Task.FromResult(GetDocument(tenantId, DeliveryKind, deliveryId) is { } b ? ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookDeliveryRecord) : null);

    public Task SaveDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default)
    {
        PutDocument(delivery.TenantId, DeliveryKind, delivery.DeliveryId, ScoutJson.Serialize(delivery, ScoutJsonContext.Default.WebhookDeliveryRecord));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string tenantId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<WebhookDeliveryRecord>>([.. ListDocuments(tenantId, DeliveryKind).Select(b => ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookDeliveryRecord))]);
}
