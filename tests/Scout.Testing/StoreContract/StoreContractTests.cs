using Scout.Core.Model;
using Scout.Core.Ports;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>
/// The store contract: one set of tests every IScoutStore adapter passes (SQLite, DynamoDB, Firestore).
/// Each test uses fresh tenant ids and digests, so a store may be shared across tests without a reset.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected IScoutStore Store { get; private set; } = null!;

    /// <summary>Returns a ready store (InitializeAsync already called or callable again: it is idempotent).</summary>
    protected abstract Task<IScoutStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Initialize_is_idempotent() => await Store.InitializeAsync();

    [Fact]
    public async Task Tenant_round_trips_by_key_id_and_duplicate_key_is_refused()
    {
        var keyId = "k" + Guid.NewGuid().ToString("N");
        var tenant = new TenantRecord(NewTenantId(), "acme", keyId, "salt", "hash", At());
        await Store.CreateTenantAsync(tenant);
        Assert.Equal(tenant, await Store.GetTenantByKeyIdAsync(keyId));
        await Assert.ThrowsAsync<DuplicateException>(() => Store.CreateTenantAsync(tenant with { TenantId = NewTenantId() }));
        Assert.Null(await Store.GetTenantByKeyIdAsync("k-missing-" + Guid.NewGuid()));
    }

    [Fact]
    public async Task Upload_create_is_idempotent_and_keeps_the_first_document()
    {
        var tenant = NewTenantId();
        var upload = Upload(tenant, "u1", NewDigest());
        var (first, created) = await Store.CreateUploadAsync(upload, [1, 2, 3]);
        Assert.True(created);
        Assert.Equal(upload, first);
        var (second, createdAgain) = await Store.CreateUploadAsync(upload with { CreatedAt = At(5) }, [9, 9]);
        Assert.False(createdAgain);
        Assert.Equal(upload, second);
        Assert.Equal([1, 2, 3], await Store.GetUploadDocumentAsync(tenant, "u1"));
    }

    [Fact]
    public async Task Large_upload_document_round_trips_byte_for_byte()
    {
        var tenant = NewTenantId();
        var document = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(document);
        await Store.CreateUploadAsync(Upload(tenant, "big", NewDigest()), document);
        Assert.Equal(document, await Store.GetUploadDocumentAsync(tenant, "big"));
    }

    [Fact]
    public async Task Upload_status_updates_and_pending_list_follows()
    {
        var tenant = NewTenantId();
        await Store.CreateUploadAsync(Upload(tenant, "p1", NewDigest()), [1]);
        await Store.CreateUploadAsync(Upload(tenant, "p2", NewDigest()), [2]);
        await Store.UpdateUploadStatusAsync(tenant, "p1", UploadStatuses.Failed, "bad sbom: truncated", At(3));
        var p1 = await Store.GetUploadAsync(tenant, "p1");
        Assert.Equal(UploadStatuses.Failed, p1!.Status);
        Assert.Equal("bad sbom: truncated", p1.Reason);
        Assert.Equal(At(3), p1.UpdatedAt);
        var pending = (await Store.ListPendingUploadsAsync()).Where(u => u.TenantId == tenant).Select(u => u.UploadId).ToList();
        Assert.Equal(["p2"], pending);
    }

    [Fact]
    public async Task Uploads_are_tenant_scoped()
    {
        var owner = NewTenantId();
        await Store.CreateUploadAsync(Upload(owner, "secret-upload", NewDigest()), [1]);
        var other = NewTenantId();
        Assert.Null(await Store.GetUploadAsync(other, "secret-upload"));
        Assert.Null(await Store.GetUploadDocumentAsync(other, "secret-upload"));
    }

    [Fact]
    public async Task Analysis_round_trips_every_field()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var analysis = Analysis(tenant, digest, packages: 4);
        await Store.SaveAnalysisAsync(analysis);

        var image = await Store.GetImageAsync(tenant, digest);
        Assert.NotNull(image);
        AssertSameImage(analysis.Image, image!.Image);
        Assert.Equal(analysis.SbomSha256, image.SbomSha256);
        Assert.Equal(analysis.SbomFormat, image.SbomFormat);
        Assert.Equal(analysis.SbomSpecVersion, image.SbomSpecVersion);
        Assert.Equal(analysis.SbomOs, image.SbomOs);
        Assert.Equal(4, image.TotalPackages);
        Assert.Equal(4, image.PackageCount);
        Assert.Equal(analysis.Warnings, image.Warnings);
        Assert.Equal(analysis.AnalyzedAt, image.AnalyzedAt);
        Assert.Equal(FindingCounts.Compute(analysis.Findings), image.FindingCounts);

        var packages = await Store.GetPackagesAsync(tenant, digest);
        Assert.Equal(analysis.Packages.Count, packages.Count);
        for (var i = 0; i < packages.Count; i++) AssertSamePackage(analysis.Packages[i], packages[i]);

        var findings = await Store.GetFindingsAsync(tenant, digest);
        Assert.Equal(analysis.Findings.Select(f => f.Key).Order(), findings.Select(f => f.Key).Order());
        var vuln = findings.Single(f => f.Kind == FindingKinds.Vulnerability);
        AssertSameFinding(analysis.Findings.Single(f => f.Kind == FindingKinds.Vulnerability), vuln);
    }

    [Fact]
    public async Task Saving_again_replaces_without_duplicates_and_bumps_revision()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        await Store.SaveAnalysisAsync(Analysis(tenant, digest, packages: 5));
        var first = await Store.GetImageAsync(tenant, digest);
        var again = Analysis(tenant, digest, packages: 2, findings: [Vulnerability("CVE-2025-1111", Package(1).Purl!, Severities.Low)]);
        await Store.SaveAnalysisAsync(again);
        var second = await Store.GetImageAsync(tenant, digest);
        Assert.Equal(2, (await Store.GetPackagesAsync(tenant, digest)).Count);
        Assert.Equal(["CVE-2025-1111"], (await Store.GetFindingsAsync(tenant, digest)).Select(f => f.Id));
        Assert.True(second!.Revision > first!.Revision);
        Assert.Equal(1, second.FindingCounts[Severities.Low]);
        Assert.Equal(0, second.FindingCounts[Severities.High]);
    }

    [Fact]
    public async Task Images_are_tenant_scoped()
    {
        var owner = NewTenantId();
        var digest = NewDigest();
        await Store.SaveAnalysisAsync(Analysis(owner, digest));
        var other = NewTenantId();
        Assert.Null(await Store.GetImageAsync(other, digest));
        Assert.Empty(await Store.GetPackagesAsync(other, digest));
        Assert.Empty(await Store.GetFindingsAsync(other, digest));
        Assert.Empty((await Store.ListImagesAsync(other, 10, null)).Items);
    }

    [Fact]
    public async Task List_images_pages_through_every_image_once()
    {
        var tenant = NewTenantId();
        var digests = Enumerable.Range(0, 7).Select(_ => NewDigest()).ToList();
        foreach (var d in digests) await Store.SaveAnalysisAsync(Analysis(tenant, d, packages: 1));
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListImagesAsync(tenant, 3, token);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Image.Digest));
            token = page.NextPageToken;
            Assert.True(++pages <= 4, "paging does not end");
        } while (token != null);
        Assert.Equal(digests.Order(), seen.Order());
    }

    [Fact]
    public async Task Inverted_index_finds_images_across_tenants_and_follows_replacement()
    {
        var key = new PackageKey("PyPI", "pkg-" + Guid.NewGuid().ToString("N")[..8]);
        var (t1, t2) = (NewTenantId(), NewTenantId());
        var (d1, d2) = (NewDigest(), NewDigest());
        await Store.SaveAnalysisAsync(Analysis(t1, d1, keys: [key]));
        await Store.SaveAnalysisAsync(Analysis(t2, d2, keys: [key, new PackageKey("npm", "left-pad")]));
        var found = await Store.FindImagesByPackageAsync(key);
        Assert.Equal(new[] { new ImageRef(t1, d1), new ImageRef(t2, d2) }.OrderBy(r => r.TenantId), found.OrderBy(r => r.TenantId));
        await Store.SaveAnalysisAsync(Analysis(t1, d1, keys: [new PackageKey("npm", "left-pad")]));
        Assert.Equal([new ImageRef(t2, d2)], await Store.FindImagesByPackageAsync(key));
        var all = new List<ImageRef>();
        await foreach (var r in Store.ListAllImagesAsync()) all.Add(r);
        Assert.Contains(new ImageRef(t1, d1), all);
        Assert.Contains(new ImageRef(t2, d2), all);
    }
}
