using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>Firestore-specific behaviour on the emulator: document size limits, commit limits, preconditions.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreLayoutTests(FirestoreEmulatorFixture emulator)
{
    private readonly FirestoreScoutStore store = FirestoreTestStores.Create(emulator);

    [Fact]
    public async Task Upload_document_over_1_MiB_is_chunked_into_documents_under_the_limit()
    {
        var tenant = NewTenantId();
        var document = new byte[5 * 1024 * 1024 + 3];
        new Random(11).NextBytes(document);
        var (_, created) = await store.CreateUploadAsync(Upload(tenant, "large", NewDigest()), document);
        Assert.True(created);

        var paths = new FirestorePaths(store.Client.Options.DocumentsRoot);
        var chunks = await store.Client.RunQueryAsync(paths.Tenant(tenant).Upload("large"), Fs.From("chunks"), default);
        Assert.Equal((document.Length + Blobs.ChunkBytes - 1) / Blobs.ChunkBytes, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Bytes("data")!.Length <= Blobs.ChunkBytes));
        Assert.True(chunks.Count > 1);
        Assert.Equal(document, await store.GetUploadDocumentAsync(tenant, "large"));
    }

    [Fact]
    public async Task Big_package_lists_and_more_than_500_index_entries_are_stored_across_commits()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var keys = Enumerable.Range(0, 1234).Select(i => new PackageKey("npm", $"pkg-{i}-{Guid.NewGuid():N}")).ToList();
        var analysis = Analysis(tenant, digest, packages: 6000, keys: keys);
        await store.SaveAnalysisAsync(analysis);

        Assert.Equal(6000, (await store.GetPackagesAsync(tenant, digest)).Count);
        Assert.Equal([new ImageRef(tenant, digest)], await store.FindImagesByPackageAsync(keys[0]));
        Assert.Equal([new ImageRef(tenant, digest)], await store.FindImagesByPackageAsync(keys[^1]));
        var paths = new FirestorePaths(store.Client.Options.DocumentsRoot);
        var entries = await store.Client.RunQueryAsync(paths.Tenant(tenant).Image(digest), Fs.From("packageIndex"), default);
        Assert.Equal(keys.Count, entries.Count);
    }

    [Fact]
    public async Task A_record_with_many_warnings_moves_out_of_the_image_document()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var warnings = Enumerable.Range(0, 8000).Select(i => new SbomWarning($"components[{i}]", "component without purl: " + new string('x', 100))).ToList();
        await store.SaveAnalysisAsync(Analysis(tenant, digest) with { Warnings = warnings });
        var image = await store.GetImageAsync(tenant, digest);
        Assert.Equal(warnings, image!.Warnings);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_image_serialize_through_update_time_preconditions()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        await Task.WhenAll(Enumerable.Range(1, 4).Select(n => store.SaveAnalysisAsync(Analysis(tenant, digest, packages: n))));
        var image = await store.GetImageAsync(tenant, digest);
        Assert.Equal(4, image!.Revision); // every save landed once, none overwrote another's revision
        Assert.Equal(image.PackageCount, (await store.GetPackagesAsync(tenant, digest)).Count);
        var paths = new FirestorePaths(store.Client.Options.DocumentsRoot);
        var blobs = await store.Client.RunQueryAsync(paths.Tenant(tenant).Image(digest), Fs.From("blobs"), default);
        Assert.Equal(2, blobs.Count); // only the winning generation's packages and findings remain
    }

    [Fact]
    public async Task Index_entries_left_by_a_save_that_crashed_before_its_switch_are_removed_by_the_next_save()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var orphan = new PackageKey("npm", "orphan-" + Guid.NewGuid().ToString("N"));
        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant);
        var indexKey = FirestorePaths.IndexKey(orphan);
        // The crashed save flagged the image's index collection before writing into it (FirestoreScoutStore.Listings.cs).
        await store.Client.CommitAsync([Fs.Set(FirestoreScoutStore.Listing(scope.Image(digest), "packageIndex"), new JsonObject())], default);
        await store.Client.CommitAsync([Fs.Set(scope.IndexEntry(digest, indexKey), new JsonObject
        {
            ["key"] = Fs.Str(indexKey), ["tenantId"] = Fs.Str(tenant), ["digest"] = Fs.Str(digest),
        })], default);
        Assert.Single(await store.FindImagesByPackageAsync(orphan));

        await store.SaveAnalysisAsync(Analysis(tenant, digest, keys: [new PackageKey("npm", "kept")]));
        Assert.Empty(await store.FindImagesByPackageAsync(orphan));
    }

    [Fact]
    public async Task Chunks_left_by_a_save_that_crashed_before_its_switch_are_swept_by_the_next_save()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(tenant);
        await store.SaveAnalysisAsync(Analysis(tenant, digest, packages: 2));
        // The crashed save: it wrote its generation's chunks (more than one commit's worth) and never switched the image to them.
        var crashedGen = Blobs.NewGeneration();
        var orphans = Enumerable.Range(0, CommitPlanner.MaxWrites + 37)
            .Select(i => Fs.Set(scope.ImageBlob(digest, i % 2 == 0 ? "packages" : "findings", crashedGen, i), Blobs.ChunkFields(new byte[] { 1, 2, 3 })))
            .ToList();
        await CommitPlanner.CommitAllAsync(store.Client, orphans, default);
        Assert.Equal(2 + orphans.Count, (await BlobsOf(scope, digest)).Count);

        var analysis = Analysis(tenant, digest, packages: 5, findings: [Vulnerability("CVE-2024-0002", Package(1).Purl!)]);
        await store.SaveAnalysisAsync(analysis);

        var remaining = await BlobsOf(scope, digest);
        Assert.DoesNotContain(remaining, b => b.Name.Contains(crashedGen, StringComparison.Ordinal));
        var image = await store.Client.GetAsync(scope.Image(digest), default);
        var referenced = new[] { "packages", "findings" }
            .SelectMany(kind => Enumerable.Range(0, (int)image!.Integer(kind + "Chunks")).Select(i => scope.ImageBlob(digest, kind, image.String(kind + "Gen")!, i)));
        Assert.Equal(referenced.Order(StringComparer.Ordinal), remaining.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ScoutJson.Serialize(analysis.Packages), ScoutJson.Serialize(await store.GetPackagesAsync(tenant, digest)));
        Assert.Equal(ScoutJson.Serialize(analysis.Findings), ScoutJson.Serialize(await store.GetFindingsAsync(tenant, digest)));
        Assert.Equal(2, (await store.GetImageAsync(tenant, digest))!.Revision);
    }

    private async Task<IReadOnlyList<FirestoreDocument>> BlobsOf(TenantScope scope, string digest) =>
        await store.Client.RunQueryAsync(scope.Image(digest), Fs.From("blobs"), default);

    [Fact]
    public async Task Concurrent_creates_of_one_upload_create_it_once()
    {
        var tenant = NewTenantId();
        var upload = Upload(tenant, "race", NewDigest());
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => store.CreateUploadAsync(upload, [(byte)i])));
        Assert.Single(results, r => r.Created);
        var winner = results.Single(r => r.Created);
        var stored = await store.GetUploadDocumentAsync(tenant, "race");
        Assert.Single(stored!);
        Assert.Contains(stored![0], Enumerable.Range(0, 5).Select(i => (byte)i));
        Assert.Equal(winner.Upload, await store.GetUploadAsync(tenant, "race"));
    }

    [Fact]
    public async Task A_stale_update_time_precondition_is_refused_by_firestore()
    {
        var name = $"{store.Client.Options.DocumentsRoot}/probe/{Guid.NewGuid():N}";
        await store.Client.CommitAsync([Fs.Create(name, new JsonObject { ["v"] = Fs.Int(1) })], default);
        var read = await store.Client.GetAsync(name, default);
        await store.Client.CommitAsync([Fs.Replace(name, new JsonObject { ["v"] = Fs.Int(2) }, read!.UpdateTime)], default);
        var stale = await Assert.ThrowsAsync<FirestoreRestException>(() =>
            store.Client.CommitAsync([Fs.Replace(name, new JsonObject { ["v"] = Fs.Int(3) }, read.UpdateTime)], default));
        Assert.True(stale.PreconditionFailed);
        Assert.Equal(2, (await store.Client.GetAsync(name, default))!.Integer("v"));
    }

    [Fact]
    public async Task Large_advisory_json_is_stored_compressed_and_round_trips()
    {
        var id = "OSV-BIG-" + Guid.NewGuid().ToString("N");
        var json = "{\"id\":\"" + id + "\",\"details\":\"" + string.Concat(Enumerable.Range(0, 40000).Select(i => $"v{i} ")) + "\"}";
        await store.UpsertAdvisoriesAsync([Advisory(id, At(1), new PackageKey("npm", "big")) with { Json = json }]);
        Assert.Equal(json, (await store.GetAdvisoriesByIdAsync(id)).Single().Json);
    }
}
