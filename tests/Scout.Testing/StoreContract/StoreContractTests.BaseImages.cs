using Scout.Core.BaseImages;
using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

// IBaseImageStore: catalog tenants, the layer-prefix index and base links, on every adapter.
public abstract partial class StoreContractTests
{
    private static List<string> Layers(int count) => [.. Enumerable.Range(0, count).Select(_ => NewDigest())];

    private static LayerIndexRecord Indexed(string tenant, string digest, IReadOnlyList<string> layers, bool catalog = false,
        string? repository = null, string? tag = null) => new()
    {
        TenantId = tenant, Digest = digest, Catalog = catalog, Repository = repository, Tag = tag,
        LayerCount = layers.Count, ChainHashes = LayerChain.Hashes(layers),
    };

    [Fact]
    public async Task Catalog_tenant_mark_is_idempotent_and_only_marks_that_tenant()
    {
        var (catalog, other) = (NewTenantId(), NewTenantId());
        Assert.False(await Store.IsCatalogTenantAsync(catalog));
        await Store.MarkCatalogTenantAsync(catalog);
        await Store.MarkCatalogTenantAsync(catalog);
        Assert.True(await Store.IsCatalogTenantAsync(catalog));
        Assert.False(await Store.IsCatalogTenantAsync(other));
    }

    [Fact]
    public async Task Chain_lookup_finds_own_and_catalog_images_by_whole_layer_list_never_another_tenants_private_image()
    {
        var (mine, catalog, stranger) = (NewTenantId(), NewTenantId(), NewTenantId());
        var layers = Layers(3);
        var repository = "docker.io/library/debian-" + Guid.NewGuid().ToString("N")[..8];
        var (ownBase, catalogBase, strangerBase, app) = (NewDigest(), NewDigest(), NewDigest(), NewDigest());
        await Store.IndexImageLayersAsync(Indexed(mine, ownBase, layers[..1]));
        await Store.IndexImageLayersAsync(Indexed(catalog, catalogBase, layers[..2], catalog: true, repository, "12"));
        await Store.IndexImageLayersAsync(Indexed(stranger, strangerBase, layers[..2]));
        await Store.IndexImageLayersAsync(Indexed(mine, app, layers));

        var hashes = LayerChain.Hashes(layers);
        var hits = await Store.FindImagesByChainAsync(mine, hashes);
        Assert.Equal(new HashSet<string> { ownBase, catalogBase, app }, hits.Select(h => h.Digest).ToHashSet());
        var hit = Assert.Single(hits, h => h.Digest == catalogBase);
        Assert.Equal((catalog, true, repository, "12", 2), (hit.TenantId, hit.Catalog, hit.Repository, hit.Tag, hit.LayerCount));
        Assert.DoesNotContain(hits, h => h.TenantId == stranger);
        // Only whole-list entries answer: the app's own prefix entries are not images.
        Assert.Equal([ownBase], (await Store.FindImagesByChainAsync(mine, [hashes[0]])).Select(h => h.Digest));
        Assert.Empty(await Store.FindImagesByChainAsync(stranger, [hashes[0]]));
    }

    [Fact]
    public async Task Extending_images_are_found_through_the_prefix_hash_per_tenant_or_across_tenants()
    {
        var (a, b) = (NewTenantId(), NewTenantId());
        var layers = Layers(4);
        var (baseImage, appA, appB, same) = (NewDigest(), NewDigest(), NewDigest(), NewDigest());
        await Store.IndexImageLayersAsync(Indexed(a, baseImage, layers[..2], catalog: true));
        await Store.IndexImageLayersAsync(Indexed(a, same, layers[..2]));
        await Store.IndexImageLayersAsync(Indexed(a, appA, layers[..3]));
        await Store.IndexImageLayersAsync(Indexed(b, appB, layers));
        var chain = LayerChain.Hashes(layers[..2])[^1];
        Assert.Equal([new ImageRef(a, appA)], await Store.FindExtendingImagesAsync(chain, a));
        var all = await Store.FindExtendingImagesAsync(chain, null);
        Assert.Equal(new[] { new ImageRef(a, appA), new ImageRef(b, appB) }.ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task Catalog_images_are_listed_by_repository_and_reindexing_replaces_the_entry()
    {
        var (catalog, stranger) = (NewTenantId(), NewTenantId());
        var repository = "docker.io/library/python-" + Guid.NewGuid().ToString("N")[..8];
        var (old, refreshed, other) = (NewDigest(), NewDigest(), NewDigest());
        await Store.IndexImageLayersAsync(Indexed(catalog, old, Layers(2), catalog: true, repository, "3.11"));
        var refreshedLayers = Layers(2);
        await Store.IndexImageLayersAsync(Indexed(catalog, refreshed, refreshedLayers, catalog: true, repository, "3.12"));
        await Store.IndexImageLayersAsync(Indexed(stranger, other, Layers(2), catalog: false, repository, "3.12"));
        await Store.IndexImageLayersAsync(Indexed(catalog, refreshed, refreshedLayers, catalog: true, repository, "3.13"));
        var listed = await Store.ListCatalogImagesAsync(repository);
        Assert.Equal([(old, "3.11"), (refreshed, "3.13")], listed.Select(l => (l.Digest, l.Tag)).OrderBy(x => x.Tag, StringComparer.Ordinal).ToList());
        Assert.All(listed, l => Assert.Equal(catalog, l.TenantId));
    }

    [Fact]
    public async Task Base_link_round_trips_per_tenant_and_clears()
    {
        var (tenant, other, digest) = (NewTenantId(), NewTenantId(), NewDigest());
        var link = new BaseLink(NewTenantId(), NewDigest(), "docker.io/library/debian:12", BaseLink.ByLayers, At(2));
        await Store.SaveBaseLinkAsync(tenant, digest, link);
        Assert.Equal(link, await Store.GetBaseLinkAsync(tenant, digest));
        Assert.Null(await Store.GetBaseLinkAsync(other, digest));
        var labelled = new BaseLink(null, NewDigest(), null, BaseLink.ByLabel, At(3));
        await Store.SaveBaseLinkAsync(tenant, digest, labelled);
        Assert.Equal(labelled, await Store.GetBaseLinkAsync(tenant, digest));
        await Store.SaveBaseLinkAsync(tenant, digest, null);
        Assert.Null(await Store.GetBaseLinkAsync(tenant, digest));
    }
}
