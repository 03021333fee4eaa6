using Scout.Core.Model;

namespace Scout.Core.Ports;

/// <summary>
/// Base-image detection (DESIGN.md section 8): catalog tenants, the index of layer-prefix hashes and each image's
/// detected base. Detection and "who is built on this image" are lookups by chain hash, so they cost O(layers),
/// never a scan of the stored images.
/// </summary>
public interface IBaseImageStore
{
    /// <summary>Marks a tenant as a catalog: its images become candidate bases for every tenant. Idempotent.</summary>
    Task MarkCatalogTenantAsync(string tenantId, CancellationToken ct = default);
    Task<bool> IsCatalogTenantAsync(string tenantId, CancellationToken ct = default);

    /// <summary>
    /// Files the image under the chain hash of each of its layer prefixes (<see cref="LayerIndexRecord.ChainHashes"/>; the
    /// last one is the whole layer list). Replaces what was filed for the image before. Idempotent.
    /// </summary>
    Task IndexImageLayersAsync(LayerIndexRecord record, CancellationToken ct = default);

    /// <summary>
    /// Images whose whole layer list hashes to one of <paramref name="chainHashes"/>, owned by <paramref name="tenantId"/>
    /// or by a catalog tenant: never another tenant's private image. <see cref="LayerIndexRecord.ChainHashes"/> is
    /// empty in the answer.
    /// </summary>
    Task<IReadOnlyList<LayerIndexRecord>> FindImagesByChainAsync(string tenantId, IReadOnlyList<string> chainHashes, CancellationToken ct = default);

    /// <summary>Images whose layer list strictly extends the one hashing to <paramref name="chainHash"/>: in that tenant, or in any tenant when null.</summary>
    Task<IReadOnlyList<ImageRef>> FindExtendingImagesAsync(string chainHash, string? tenantId, CancellationToken ct = default);

    /// <summary>The catalog images filed under a repository (every tag and digest).</summary>
    Task<IReadOnlyList<LayerIndexRecord>> ListCatalogImagesAsync(string repository, CancellationToken ct = default);

    /// <summary>Stores (or, with null, clears) the detected base of an image.</summary>
    Task SaveBaseLinkAsync(string tenantId, string digest, BaseLink? link, CancellationToken ct = default);
    Task<BaseLink?> GetBaseLinkAsync(string tenantId, string digest, CancellationToken ct = default);
}
