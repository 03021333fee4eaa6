using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

/// <summary>One image re-matched by the rescan use case, then its tenant's trend recorded (its counts may have moved).</summary>
public sealed class ImageRematch(ImageRescan rescan, TenantTrend trend) : IImageRematch
{
    public async Task RematchAsync(ImageRef image, CancellationToken ct = default)
    {
        await rescan.RescanImageAsync(image, ct);
        await trend.RecordAsync(image.TenantId, ct);
    }
}
