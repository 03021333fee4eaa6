using Scout.Core.Model;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>Issue #15: per-package reads go through key documents read by name; a store without them is still read, by query.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreAdvisoryKeyTests(FirestoreEmulatorFixture emulator)
{
    private readonly FirestoreScoutStore store = FirestoreTestStores.Create(emulator);
    private FirestorePaths Paths => new(store.Client.Options.DocumentsRoot);

    [Fact]
    public async Task A_key_document_names_the_records_filed_under_it_and_stops_naming_one_that_moved()
    {
        var run = Random.Shared.Next(100000, 999999);
        var (lodash, moved) = (new PackageKey("npm", $"lodash-{run}"), new PackageKey("npm", $"lodash-es-{run}"));
        var first = Advisory($"GHSA-{run}", At(1), lodash);
        await store.UpsertAdvisoriesAsync([first, Advisory($"GHSA-{run}-b", At(1), lodash)]);
        Assert.Equal(2, (await store.Client.GetAsync(Paths.AdvisoryKey(lodash), default))!.StringArray("advisories").Count);

        await store.UpsertAdvisoriesAsync([first with { Modified = At(2), Keys = [moved] }]);

        Assert.Single((await store.Client.GetAsync(Paths.AdvisoryKey(lodash), default))!.StringArray("advisories"));
        var read = await store.GetAdvisoriesForPackagesAsync([lodash, moved]);
        Assert.Equal([$"GHSA-{run}-b"], read[lodash].Select(a => a.Id));
        Assert.Equal([first.Id], read[moved].Select(a => a.Id));
    }

    [Fact]
    public async Task Records_written_before_key_documents_existed_are_still_found_by_query()
    {
        var run = Random.Shared.Next(100000, 999999);
        var key = new PackageKey("PyPI", $"old-{run}");
        await store.UpsertAdvisoriesAsync([Advisory($"PYSEC-{run}", At(1), key)]);
        // As a database written by the earlier layout looks: the record, no key document, no completion marker.
        await store.Client.CommitAsync([Fs.Delete(Paths.AdvisoryKey(key)), Fs.Delete(Paths.AdvisoryKeysComplete)], default);
        try
        {
            var fresh = FirestoreTestStores.Create(emulator);
            Assert.Equal([$"PYSEC-{run}"], (await fresh.GetAdvisoriesForPackagesAsync([key]))[key].Select(a => a.Id));
        }
        finally
        {
            await store.Client.CommitAsync([Fs.Set(Paths.AdvisoryKeysComplete, new System.Text.Json.Nodes.JsonObject())], default);
        }
    }
}
