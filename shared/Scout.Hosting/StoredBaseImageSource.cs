using Scout.Core.BaseImages;
using Scout.Core.Ports;

namespace Scout.Hosting;

/// <summary>
/// The base-image feature (Scout.Core/BaseImages) behind the port that compare and the "base image up to date" policy
/// read: the stored base link of an image and the <c>refresh</c> candidates of its recommendations.
/// </summary>
public sealed class StoredBaseImageSource(IScoutStore store, IClock clock) : IBaseImageSource
{
    public async Task<BaseImageRef?> GetBaseImageAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var facts = await new BaseImageService(store, clock).LoadAsync(tenantId, digest, ct);
        return facts?.View is { } view ? new BaseImageRef(view.Digest, view.Repository, view.Tag) : null;
    }

    public async Task<BaseImageAdvice?> GetAdviceAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var facts = await new BaseImageService(store, clock).LoadAsync(tenantId, digest, ct);
        if (facts?.View is not { } view) return null;
        var findings = await store.GetFindingsAsync(tenantId, digest, ct);
        var recommendations = await new Recommendations(store, NativeVersionOrder.Instance).BuildAsync(facts, findings, ct);
        var refresh = recommendations.BaseImage.Candidates.Where(c => c.Kind == "refresh")
            .Select(c => new BaseImageRef(c.Digest, c.Repository, c.Tag)).ToList();
        return new BaseImageAdvice(new BaseImageRef(view.Digest, view.Repository, view.Tag), refresh);
    }
}
