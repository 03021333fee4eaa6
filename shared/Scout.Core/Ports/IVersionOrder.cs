namespace Scout.Core.Ports;

/// <summary>An ecosystem's own version order, by purl type (Core knows no version scheme; Scout.Versions does).</summary>
public interface IVersionOrder
{
    /// <summary>-1, 0 or 1; null when the type has no known scheme or either version is invalid in it (indeterminate, never a guess).</summary>
    int? Compare(string purlType, string a, string b);
}

/// <summary>
/// What the base-image feature knows about an image (DESIGN.md section 8, "Base images and recommendations"). Compare
/// and the "base image up to date" policy read it through this port; until a host wires an implementation they
/// answer null / unknown with a reason.
/// </summary>
public interface IBaseImageSource
{
    Task<BaseImageRef?> GetBaseImageAsync(string tenantId, string digest, CancellationToken ct = default);

    /// <summary>Whether the recommendations name a <c>refresh</c> candidate for the image's base; null when there is no recommendation data.</summary>
    Task<BaseImageAdvice?> GetAdviceAsync(string tenantId, string digest, CancellationToken ct = default);
}

public sealed record BaseImageRef(string Digest, string? Repository, string? Tag);

/// <param name="RefreshCandidates">digests of newer builds of the same base (kind = refresh); empty when up to date</param>
public sealed record BaseImageAdvice(BaseImageRef? Current, IReadOnlyList<BaseImageRef> RefreshCandidates);
