using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Core.BaseImages;

/// <summary>
/// Base-image detection (DESIGN.md section 8). The base of an image is the stored image, in its own tenant or in a
/// catalog tenant, whose layer list is the longest strict prefix of its layers; the labels
/// <c>org.opencontainers.image.base.digest</c> / <c>.base.name</c> name it when present. Detection looks up the chain
/// hashes of the image's layer prefixes (O(layers)). Bases are detected when an image is saved, and every image that
/// extends a newly saved one is found through the same index and re-linked, so links stay current without a scan.
/// </summary>
public sealed class BaseImageService(IScoutStore store, IClock clock)
{
    public const string BaseDigestLabel = "org.opencontainers.image.base.digest";
    public const string BaseNameLabel = "org.opencontainers.image.base.name";
    private const int MaxChain = 16;

    /// <summary>
    /// Indexes a saved image, links it to its base and re-links the images built on it. Returns the other images whose
    /// base advice may have changed: those re-linked, and for a catalog image those built on another digest of its
    /// repository and tag (it may be their refresh), so their policies can be evaluated again.
    /// </summary>
    public async Task<IReadOnlyList<ImageRef>> OnImageSavedAsync(string tenantId, ImageMetadata image, CancellationToken ct = default)
    {
        var catalog = await store.IsCatalogTenantAsync(tenantId, ct);
        var reference = ImageReference.Parse(image.Registry?.Url);
        var hashes = LayerChain.Hashes(image.Layers);
        if (hashes.Count > 0)
            await store.IndexImageLayersAsync(new LayerIndexRecord
            {
                TenantId = tenantId, Digest = image.Digest, Catalog = catalog, Repository = reference?.Repository, Tag = reference?.Tag,
                LayerCount = image.Layers.Count, ChainHashes = hashes,
            }, ct);
        await RelinkAsync(tenantId, image, hashes, ct);
        if (hashes.Count == 0) return [];
        // A catalog image can be the base of any tenant's image; a private one only of its own tenant's.
        var dependents = await store.FindExtendingImagesAsync(hashes[^1], catalog ? null : tenantId, ct);
        foreach (var dependent in dependents)
        {
            ct.ThrowIfCancellationRequested();
            var stored = await store.GetImageAsync(dependent.TenantId, dependent.Digest, ct);
            if (stored is not null) await RelinkAsync(dependent.TenantId, stored.Image, LayerChain.Hashes(stored.Image.Layers), ct);
        }
        var changed = new HashSet<ImageRef>(dependents);
        if (catalog && reference?.Repository is { } repository)
            foreach (var sibling in await store.ListCatalogImagesAsync(repository, ct))
            {
                if (sibling.Digest == image.Digest || sibling.Tag != reference.Tag) continue;
                // Listings carry no chain hashes: the sibling's own layers give its whole-chain hash.
                var layers = (await store.GetImageAsync(sibling.TenantId, sibling.Digest, ct))?.Image.Layers;
                if (layers is { Count: > 0 }) changed.UnionWith(await store.FindExtendingImagesAsync(LayerChain.Hashes(layers)[^1], null, ct));
            }
        changed.Remove(new ImageRef(tenantId, image.Digest));
        return [.. changed.OrderBy(i => i.TenantId, StringComparer.Ordinal).ThenBy(i => i.Digest, StringComparer.Ordinal)];
    }

    private async Task RelinkAsync(string tenantId, ImageMetadata image, IReadOnlyList<string> hashes, CancellationToken ct) =>
        await store.SaveBaseLinkAsync(tenantId, image.Digest, await DetectAsync(tenantId, image.Layers, image.Labels, hashes, ct), ct);

    /// <summary>The base of an image with these layers (and labels) as seen from <paramref name="tenantId"/>; null when none.</summary>
    public async Task<BaseLink?> DetectAsync(string tenantId, IReadOnlyList<string> layers, IReadOnlyDictionary<string, string>? labels,
        IReadOnlyList<string>? hashes = null, CancellationToken ct = default)
    {
        hashes ??= LayerChain.Hashes(layers);
        var labelled = labels?.GetValueOrDefault(BaseDigestLabel);
        if (hashes.Count > 1)
        {
            var hits = (await store.FindImagesByChainAsync(tenantId, [.. hashes.Take(hashes.Count - 1)], ct))
                .Where(h => h.LayerCount < layers.Count && (h.TenantId == tenantId || h.Catalog)).ToList();
            // A label naming one of the prefix images is checked against the layers by being among the hits.
            var best = hits.FirstOrDefault(h => h.Digest == labelled)
                ?? hits.OrderByDescending(h => h.LayerCount).ThenBy(h => h.TenantId == tenantId ? 0 : 1)
                    .ThenBy(h => h.TenantId, StringComparer.Ordinal).ThenBy(h => h.Digest, StringComparer.Ordinal).FirstOrDefault();
            if (best is not null) return new BaseLink(best.TenantId, best.Digest, null, BaseLink.ByLayers, clock.UtcNow);
        }
        if (labelled is null || !UploadEnvelopeParser.DigestPattern().IsMatch(labelled)) return null;
        // The label names an image this tenant has whose layers are not a prefix: the label is wrong, the layers win.
        if (await store.GetImageAsync(tenantId, labelled, ct) is not null) return null;
        return new BaseLink(null, labelled, labels?.GetValueOrDefault(BaseNameLabel), BaseLink.ByLabel, clock.UtcNow);
    }

    /// <summary>The stored base of a stored image, or null.</summary>
    public async Task<BaseImageFacts?> LoadAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await store.GetBaseLinkAsync(tenantId, digest, ct) is { } link ? await FactsAsync(tenantId, link, ct) : null;

    /// <summary>What a base link shows <paramref name="tenantId"/>: repository, tag, digest, layer count and the chain, nothing else.</summary>
    public async Task<BaseImageFacts?> FactsAsync(string tenantId, BaseLink link, CancellationToken ct = default)
    {
        if (link.TenantId is null)
        {
            var named = ImageReference.Parse(link.Name);
            return new BaseImageFacts(new BaseImageView(link.Digest, named?.Repository, named?.Tag, null, false, []), null, new HashSet<string>());
        }
        if (!await VisibleAsync(tenantId, link.TenantId, ct)) return null;
        var baseImage = await store.GetImageAsync(link.TenantId, link.Digest, ct);
        if (baseImage is null) return null;
        var reference = ImageReference.Parse(baseImage.Image.Registry?.Url);
        var view = new BaseImageView(link.Digest, reference?.Repository, reference?.Tag, baseImage.Image.Layers.Count,
            await store.IsCatalogTenantAsync(link.TenantId, ct), await ChainAsync(tenantId, link.TenantId, link.Digest, ct));
        var purls = (await store.GetPackagesAsync(link.TenantId, link.Digest, ct)).Select(p => p.Purl).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new BaseImageFacts(view, baseImage, purls);
    }

    /// <summary>The base's own bases, nearest first.</summary>
    private async Task<IReadOnlyList<BaseChainEntryView>> ChainAsync(string viewer, string tenantId, string digest, CancellationToken ct)
    {
        var chain = new List<BaseChainEntryView>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { digest };
        var current = await store.GetBaseLinkAsync(tenantId, digest, ct);
        while (current is not null && chain.Count < MaxChain && seen.Add(current.Digest))
        {
            if (current.TenantId is null)
            {
                var named = ImageReference.Parse(current.Name);
                chain.Add(new BaseChainEntryView(current.Digest, named?.Repository, named?.Tag));
                break;
            }
            if (!await VisibleAsync(viewer, current.TenantId, ct)) break;
            var image = await store.GetImageAsync(current.TenantId, current.Digest, ct);
            if (image is null) break;
            var reference = ImageReference.Parse(image.Image.Registry?.Url);
            chain.Add(new BaseChainEntryView(current.Digest, reference?.Repository, reference?.Tag));
            current = await store.GetBaseLinkAsync(current.TenantId, current.Digest, ct);
        }
        return chain;
    }

    /// <summary>Another tenant's image is visible only when that tenant is a catalog.</summary>
    private async Task<bool> VisibleAsync(string viewer, string owner, CancellationToken ct) =>
        owner == viewer || await store.IsCatalogTenantAsync(owner, ct);
}
