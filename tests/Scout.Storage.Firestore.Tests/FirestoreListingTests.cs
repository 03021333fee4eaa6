using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>
/// Issue #15: what a cold analysis reads under a tenant or an image (VEX documents, trend days, webhooks, the tenant's
/// images, an image's children) is named by listing documents read by name (FirestoreScoutStore.Listings.cs); a database
/// written before listings is read by query until the backfill has listed everything.
/// </summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreListingTests(FirestoreEmulatorFixture emulator)
{
    private readonly FirestoreScoutStore store = FirestoreTestStores.Create(emulator);

    /// <summary>The emulator's database as a new deployment keeps it: every member listed, the marker written.</summary>
    private async Task ListedAsync() =>
        await store.Client.CommitAsync([Fs.Set(store.ListingsCompleteMarker, new JsonObject())], default);

    private static VexDocumentRecord Vex(string id, int minute) =>
        new(id, "openvex", $$"""{"@context":"https://openvex.dev/ns/v0.2.0","@id":"{{id}}","statements":[]}""", At(minute));

    private static WebhookRecord Hook(string tenant, string id) =>
        new(tenant, id, "https://hooks.example.com/" + id, "ciphertext", Severities.High, WebhookEvents.All, At());

    private static TrendSnapshot Day(string tenant, string day, int critical) => new()
    {
        TenantId = tenant, Day = day, Images = 1, RecordedAt = DateTimeOffset.Parse(day + "T12:00:00Z"),
        Counts = new Dictionary<string, int> { [Severities.Critical] = critical },
    };

    [Fact]
    public async Task A_vex_document_attached_by_another_process_after_a_read_is_read_by_the_next()
    {
        await ListedAsync();
        var (tenant, digest) = (NewTenantId(), NewDigest());
        Assert.Empty(await store.GetVexAsync(tenant, digest));

        await FirestoreTestStores.Create(emulator).AddVexAsync(tenant, digest, Vex("doc-1", 1));

        Assert.Equal(["doc-1"], (await store.GetVexAsync(tenant, digest)).Select(v => v.DocumentId));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_listing_never_lose_each_others_entries()
    {
        await ListedAsync();
        var (tenant, digest) = (NewTenantId(), NewDigest());
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => FirestoreTestStores.Create(emulator).AddVexAsync(tenant, digest, Vex($"doc-{i:D2}", i))));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => FirestoreTestStores.Create(emulator).SaveAnalysisAsync(Analysis(tenant, NewDigest(), packages: 1))));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"doc-{i:D2}"), (await store.GetVexAsync(tenant, digest)).Select(v => v.DocumentId));
        Assert.Equal(8, (await store.ListImagesAsync(tenant, 100, null)).Items.Count);
    }

    [Fact]
    public async Task A_tenant_reads_only_its_own_listed_documents_under_the_same_digest()
    {
        await ListedAsync();
        var (mine, theirs, digest) = (NewTenantId(), NewTenantId(), NewDigest());
        await store.SaveAnalysisAsync(Analysis(theirs, digest));
        await store.AddVexAsync(theirs, digest, Vex("theirs", 1));
        await store.CreateWebhookAsync(Hook(theirs, "their-hook"));
        await store.SaveTrendSnapshotAsync(Day(theirs, "2026-11-02", 4), "2026-09-01");

        Assert.Empty(await store.GetVexAsync(mine, digest));
        Assert.Empty(await store.ListWebhooksAsync(mine));
        Assert.Empty(await store.GetTrendSnapshotsAsync(mine, "2026-01-01"));
        Assert.Empty((await store.ListImagesAsync(mine, 10, null)).Items);
        Assert.Null(await store.GetImageAsync(mine, digest));
        Assert.Equal(["theirs"], (await store.GetVexAsync(theirs, digest)).Select(v => v.DocumentId));
        Assert.Equal([digest], (await store.ListImagesAsync(theirs, 10, null)).Items.Select(i => i.Image.Digest));
    }

    [Fact]
    public async Task A_deleted_webhook_and_trend_days_before_the_window_leave_their_listings()
    {
        await ListedAsync();
        var tenant = NewTenantId();
        await store.CreateWebhookAsync(Hook(tenant, "a"));
        await store.CreateWebhookAsync(Hook(tenant, "b"));
        Assert.True(await store.DeleteWebhookAsync(tenant, "a"));
        await store.SaveTrendSnapshotAsync(Day(tenant, "2026-08-01", 1), "2026-01-01");
        await store.SaveTrendSnapshotAsync(Day(tenant, "2026-11-20", 2), "2026-08-22");

        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant);
        Assert.Equal(["b"], (await store.Client.GetAsync(FirestoreScoutStore.Listing(scope.Document, "webhooks"), default))!.StringArray("ids"));
        Assert.Equal(["2026-11-20"], (await store.Client.GetAsync(FirestoreScoutStore.Listing(scope.Document, "trend"), default))!.StringArray("ids"));
        Assert.Equal(["b"], (await store.ListWebhooksAsync(tenant)).Select(h => h.Id));
        Assert.Equal(["2026-11-20"], (await store.GetTrendSnapshotsAsync(tenant, "2026-01-01")).Select(d => d.Day));
    }

    [Fact]
    public async Task Images_page_through_the_listing_in_digest_order()
    {
        await ListedAsync();
        var tenant = NewTenantId();
        var digests = Enumerable.Range(0, 7).Select(_ => NewDigest()).ToList();
        foreach (var d in digests) await store.SaveAnalysisAsync(Analysis(tenant, d, packages: 1));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListImagesAsync(tenant, 3, token);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Image.Digest));
            token = page.NextPageToken;
        } while (token != null);
        Assert.Equal(digests.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Data_written_before_listings_is_read_by_query_and_by_name_once_the_backfill_has_listed_it()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        await store.SaveAnalysisAsync(Analysis(tenant, digest));
        await store.AddVexAsync(tenant, digest, Vex("old-vex", 1));
        await store.CreateWebhookAsync(Hook(tenant, "old-hook"));
        await store.SaveTrendSnapshotAsync(Day(tenant, "2026-11-02", 4), "2026-09-01");
        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant);
        var listings = new[]
        {
            FirestoreScoutStore.Listing(scope.Image(digest), "vex"), FirestoreScoutStore.Listing(scope.Document, "webhooks"),
            FirestoreScoutStore.Listing(scope.Document, "trend"), FirestoreScoutStore.Listing(scope.Document, "images", FirestorePaths.Id(digest)),
            FirestoreScoutStore.Listing(scope.Image(digest), "packageIndex"), FirestoreScoutStore.Listing(scope.Image(digest), "blobs"),
        };
        // As the earlier layout left it: the documents, no listings, no completion marker.
        await store.Client.CommitAsync([.. listings.Select(Fs.Delete), Fs.Delete(store.ListingsCompleteMarker), Fs.Delete($"{store.Client.Options.DocumentsRoot}/meta/backfill")], default);
        try
        {
            await AssertReadsAsync(FirestoreTestStores.Create(emulator));
            var backfill = new FirestoreScoutStore(store.Client) { BackfillPageSize = 2, BackfillPagesPerStep = 1 };
            Assert.True(await backfill.RunUpkeepStepAsync());
            Assert.Null(await store.Client.GetAsync(store.ListingsCompleteMarker, default));
            await AssertReadsAsync(FirestoreTestStores.Create(emulator));

            var steps = 1;
            var finishing = new FirestoreScoutStore(store.Client) { BackfillPageSize = 200, BackfillPagesPerStep = 5 };
            while (await finishing.RunUpkeepStepAsync()) Assert.True(++steps < 10_000, "the backfill does not finish");

            Assert.NotNull(await store.Client.GetAsync(store.ListingsCompleteMarker, default));
            foreach (var listing in listings) Assert.NotNull(await store.Client.GetAsync(listing, default));
            await AssertReadsAsync(FirestoreTestStores.Create(emulator));
            Assert.False(await finishing.RunUpkeepStepAsync());
        }
        finally
        {
            await store.Client.CommitAsync([Fs.Set(store.ListingsCompleteMarker, new JsonObject())], default);
        }

        async Task AssertReadsAsync(FirestoreScoutStore reader)
        {
            Assert.Equal(["old-vex"], (await reader.GetVexAsync(tenant, digest)).Select(v => v.DocumentId));
            Assert.Equal(["old-hook"], (await reader.ListWebhooksAsync(tenant)).Select(h => h.Id));
            Assert.Equal(["2026-11-02"], (await reader.GetTrendSnapshotsAsync(tenant, "2026-01-01")).Select(d => d.Day));
            Assert.Equal([digest], (await reader.ListImagesAsync(tenant, 10, null)).Items.Select(i => i.Image.Digest));
        }
    }

    [Fact]
    public async Task A_new_image_is_saved_without_listing_children_and_its_flags_come_before_them()
    {
        await ListedAsync();
        var (tenant, digest) = (NewTenantId(), NewDigest());
        await store.SaveAnalysisAsync(Analysis(tenant, digest, packages: 2));
        var image = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant).Image(digest);
        Assert.NotNull(await store.Client.GetAsync(FirestoreScoutStore.Listing(image, "packageIndex"), default));
        Assert.NotNull(await store.Client.GetAsync(FirestoreScoutStore.Listing(image, "blobs"), default));

        // A second save lists what the first left and replaces it.
        await store.SaveAnalysisAsync(Analysis(tenant, digest, packages: 1, keys: [new PackageKey("npm", "only-" + digest[^8..])]));
        Assert.Single(await store.FindImagesByPackageAsync(new PackageKey("npm", "only-" + digest[^8..])));
        Assert.DoesNotContain(await store.FindImagesByPackageAsync(new PackageKey("Debian:12", "example1")), r => r.Digest == digest);
    }

    [Fact]
    public async Task In_a_database_written_before_listings_a_crashed_saves_unflagged_index_entry_is_still_removed()
    {
        var (tenant, digest) = (NewTenantId(), NewDigest());
        var orphan = new PackageKey("npm", "unflagged-" + Guid.NewGuid().ToString("N"));
        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant);
        var indexKey = FirestorePaths.IndexKey(orphan);
        // The earlier layout: an entry written without a flag, and no completion marker.
        await store.Client.CommitAsync([Fs.Delete(store.ListingsCompleteMarker), Fs.Set(scope.IndexEntry(digest, indexKey), new JsonObject
        {
            ["key"] = Fs.Str(indexKey), ["tenantId"] = Fs.Str(tenant), ["digest"] = Fs.Str(digest),
        })], default);
        try
        {
            await FirestoreTestStores.Create(emulator).SaveAnalysisAsync(Analysis(tenant, digest, keys: [new PackageKey("npm", "kept")]));
            Assert.Empty(await store.FindImagesByPackageAsync(orphan));
        }
        finally
        {
            await ListedAsync();
        }
    }
}
