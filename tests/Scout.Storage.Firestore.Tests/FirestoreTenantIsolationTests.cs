using Scout.Core.Model;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>Server credentials bypass security rules, so the store's paths are the tenant boundary: try to cross it.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreTenantIsolationTests(FirestoreEmulatorFixture emulator)
{
    private readonly FirestoreScoutStore store = FirestoreTestStores.Create(emulator);

    [Fact]
    public async Task Another_tenant_cannot_read_or_change_an_owners_data()
    {
        var owner = NewTenantId();
        var digest = NewDigest();
        await store.SaveAnalysisAsync(Analysis(owner, digest));
        await store.CreateUploadAsync(Upload(owner, "u1", digest), [1, 2]);
        await store.AddEnvironmentAsync(owner, new EnvironmentRecord { Namespace = "prod", WorkloadName = "web", WorkloadType = "Deployment", ImageDigest = digest, SeenAt = At() });
        await store.AddVexAsync(owner, digest, new VexDocumentRecord("v1", "openvex", "{}", At()));

        var intruder = NewTenantId();
        await store.UpdateUploadStatusAsync(intruder, "u1", UploadStatuses.Failed, "forged", At(1));
        await store.ApplyFindingDiffAsync(intruder, digest, new FindingDiff([], [], (await store.GetFindingsAsync(owner, digest)).ToList()));
        Assert.Equal(UploadStatuses.Queued, (await store.GetUploadAsync(owner, "u1"))!.Status);
        Assert.Equal(2, (await store.GetFindingsAsync(owner, digest)).Count);
        Assert.Null(await store.GetUploadAsync(intruder, "u1"));
        Assert.Empty(await store.GetEnvironmentsAsync(intruder, digest));
        Assert.Empty(await store.GetVexAsync(intruder, digest));
        Assert.Null(await store.GetImageAsync(intruder, digest));
        // a page token naming the owner's digest only positions the intruder's own listing
        Assert.Empty((await store.ListImagesAsync(intruder, 10, digest)).Items);
    }

    [Theory]
    [InlineData("{0}/images/{1}")]
    [InlineData("{0}/uploads/u1/..")]
    [InlineData("../tenants/{0}")]
    [InlineData("{0}%2Fimages%2F{1}")]
    public async Task Tenant_ids_that_spell_a_path_stay_one_segment(string template)
    {
        var owner = NewTenantId();
        var digest = NewDigest();
        await store.SaveAnalysisAsync(Analysis(owner, digest));
        await store.CreateUploadAsync(Upload(owner, "u1", digest), [1]);
        var forged = string.Format(template, owner, digest);

        Assert.Null(await store.GetImageAsync(forged, digest));
        Assert.Empty(await store.GetPackagesAsync(forged, digest));
        Assert.Null(await store.GetUploadAsync(forged, "u1"));
        Assert.Null(await store.GetUploadDocumentAsync(forged, "u1"));
        var scope = new FirestorePaths(store.Client.Options.DocumentsRoot).Tenant(forged);
        Assert.Equal(new FirestorePaths(store.Client.Options.DocumentsRoot).Root.Split('/').Length + 2, scope.Document.Split('/').Length);
    }

    [Fact]
    public async Task Digests_and_upload_ids_cannot_climb_out_of_the_tenant()
    {
        var owner = NewTenantId();
        var digest = NewDigest();
        await store.SaveAnalysisAsync(Analysis(owner, digest));
        var intruder = NewTenantId();
        Assert.Null(await store.GetImageAsync(intruder, $"../../{owner}/images/{digest}"));
        Assert.Empty(await store.GetFindingsAsync(intruder, $"x/../../../{owner}/images/{digest}"));
    }

    [Fact]
    public void An_empty_tenant_id_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FirestorePaths("projects/p/databases/(default)/documents").Tenant(" "));
}
