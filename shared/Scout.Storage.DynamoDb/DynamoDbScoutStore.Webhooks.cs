using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.DynamoDb;

public sealed partial class DynamoDbScoutStore
{
    private const string WebhookKind = "WEBHOOK", DeliveryKind = "DELIVERY";

    public Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken ct = default) =>
        PutDocumentAsync(webhook.TenantId, WebhookKind, webhook.Id, ScoutJson.Serialize(webhook, ScoutJsonContext.Default.WebhookRecord), ct);

    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string tenantId, CancellationToken ct = default) =>
        [.. (await ListDocumentsAsync(tenantId, WebhookKind, ct)).Select(b => ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookRecord))];

    public async Task<WebhookRecord?> GetWebhookAsync(string tenantId, string id, CancellationToken ct = default) =>
        await GetDocumentAsync(tenantId, WebhookKind, id, ct) is { } b ? ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookRecord) : null;

    public Task<bool> DeleteWebhookAsync(string tenantId, string id, CancellationToken ct = default) => DeleteDocumentAsync(tenantId, WebhookKind, id, ct);

    public Task<bool> CreateDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default) =>
        CreateDocumentAsync(delivery.TenantId, DeliveryKind, delivery.DeliveryId, ScoutJson.Serialize(delivery, ScoutJsonContext.Default.WebhookDeliveryRecord), ct);

    public async Task<WebhookDeliveryRecord?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken ct = default) =>
        await GetDocumentAsync(tenantId, DeliveryKind, deliveryId, ct) is { } b ? ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookDeliveryRecord) : null;

    public Task SaveDeliveryAsync(WebhookDeliveryRecord delivery, CancellationToken ct = default) =>
        PutDocumentAsync(delivery.TenantId, DeliveryKind, delivery.DeliveryId, ScoutJson.Serialize(delivery, ScoutJsonContext.Default.WebhookDeliveryRecord), ct);

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(string tenantId, CancellationToken ct = default) =>
        [.. (await ListDocumentsAsync(tenantId, DeliveryKind, ct)).Select(b => ScoutJson.Deserialize(b, ScoutJsonContext.Default.WebhookDeliveryRecord))];
}
