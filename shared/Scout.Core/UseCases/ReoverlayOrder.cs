using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>
/// The order a refresh re-overlays its affected images in, which is the order their finding.added events are queued
/// in: images running in an environment come first (a new CVE in what is deployed is the news that cannot wait), then
/// the rest; each by tenant and digest, so a run is reproducible. Environments are read only for tenants that
/// subscribed a webhook to finding.added: without a subscriber the order changes nothing and costs no read per image.
/// </summary>
public static class ReoverlayOrder
{
    public static async Task<IReadOnlyList<ImageRef>> OrderAsync(IScoutStore store, IEnumerable<ImageRef> images, CancellationToken ct)
    {
        var sorted = images.OrderBy(i => i.TenantId, StringComparer.Ordinal).ThenBy(i => i.Digest, StringComparer.Ordinal).ToList();
        var deployed = new List<ImageRef>();
        var rest = new List<ImageRef>();
        foreach (var tenant in sorted.GroupBy(i => i.TenantId, StringComparer.Ordinal))
        {
            var subscribed = (await store.ListWebhooksAsync(tenant.Key, ct)).Any(h => h.Events.Contains(WebhookEvents.FindingAdded));
            foreach (var image in tenant)
            {
                var linked = subscribed && (await store.GetEnvironmentsAsync(image.TenantId, image.Digest, ct)).Count > 0;
                (linked ? deployed : rest).Add(image);
            }
        }
        return [.. deployed, .. rest];
    }
}
