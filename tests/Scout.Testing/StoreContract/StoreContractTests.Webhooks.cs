using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Webhooks_are_listed_deleted_and_kept_per_tenant()
    {
        var tenant = NewTenantId();
        var other = NewTenantId();
        var a = new WebhookRecord(tenant, "wh_a" + Guid.NewGuid().ToString("N")[..8], "https://example.com/a", "c2VhbGVk", Severities.High, [WebhookEvents.FindingAdded], At(1));
        var b = a with { Id = "wh_b" + Guid.NewGuid().ToString("N")[..8], Url = "https://example.com/b", Events = [WebhookEvents.FindingAdded, WebhookEvents.PolicyChanged] };
        await Store.CreateWebhookAsync(a);
        await Store.CreateWebhookAsync(b);
        var listed = await Store.ListWebhooksAsync(tenant);
        Assert.Equal([a.Id, b.Id], listed.Select(h => h.Id).Order(StringComparer.Ordinal));
        var back = await Store.GetWebhookAsync(tenant, b.Id);
        Assert.Equal((b.Url, b.SecretCiphertext, b.MinSeverity, b.CreatedAt), (back!.Url, back.SecretCiphertext, back.MinSeverity, back.CreatedAt));
        Assert.Equal(b.Events, back.Events);
        Assert.Empty(await Store.ListWebhooksAsync(other));
        Assert.Null(await Store.GetWebhookAsync(other, a.Id));
        Assert.False(await Store.DeleteWebhookAsync(other, a.Id));
        Assert.True(await Store.DeleteWebhookAsync(tenant, a.Id));
        Assert.False(await Store.DeleteWebhookAsync(tenant, a.Id));
        Assert.Equal([b.Id], (await Store.ListWebhooksAsync(tenant)).Select(h => h.Id));
    }

    [Fact]
    public async Task A_delivery_is_created_once_per_id_and_updated_in_place()
    {
        var tenant = NewTenantId();
        var delivery = new WebhookDeliveryRecord(tenant, "dlv_" + Guid.NewGuid().ToString("N"), "wh_1", WebhookEvents.FindingAdded, """{"id":"x"}""", DeliveryStatuses.Pending, 0, null, At(1));
        Assert.True(await Store.CreateDeliveryAsync(delivery));
        Assert.False(await Store.CreateDeliveryAsync(delivery with { Body = "{}" }));
        Assert.Equal(delivery, await Store.GetDeliveryAsync(tenant, delivery.DeliveryId));
        var delivered = delivery with { Status = DeliveryStatuses.Delivered, Attempts = 2, LastError = "HTTP 500", UpdatedAt = At(2) };
        await Store.SaveDeliveryAsync(delivered);
        Assert.Equal(delivered, await Store.GetDeliveryAsync(tenant, delivery.DeliveryId));
        Assert.Null(await Store.GetDeliveryAsync(NewTenantId(), delivery.DeliveryId));
    }

    [Fact]
    public async Task A_tenants_deliveries_are_listed_with_their_latest_state_and_no_other_tenants()
    {
        var tenant = NewTenantId();
        var other = NewTenantId();
        WebhookDeliveryRecord Delivery(string owner, string hook) =>
            new(owner, "dlv_" + Guid.NewGuid().ToString("N"), hook, WebhookEvents.FindingAdded, """{"id":"x"}""", DeliveryStatuses.Pending, 0, null, At(1));
        var first = Delivery(tenant, "wh_1");
        var second = Delivery(tenant, "wh_2");
        foreach (var d in new[] { first, second, Delivery(other, "wh_1") }) Assert.True(await Store.CreateDeliveryAsync(d));
        var dead = first with { Status = DeliveryStatuses.Dead, Attempts = 5, LastError = "HTTP 503", UpdatedAt = At(9) };
        await Store.SaveDeliveryAsync(dead);

        var listed = (await Store.ListDeliveriesAsync(tenant)).OrderBy(d => d.WebhookId, StringComparer.Ordinal).ToList();
        Assert.Equal([dead, second], listed);
        Assert.Empty(await Store.ListDeliveriesAsync(NewTenantId()));
    }
}
