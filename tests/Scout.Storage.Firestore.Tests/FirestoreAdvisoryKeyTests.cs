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

    [Fact]
    public async Task The_backfill_writes_key_documents_for_records_stored_before_them_and_marks_the_store_only_at_the_end()
    {
        var run = Random.Shared.Next(100000, 999999);
        var keys = Enumerable.Range(0, 5).Select(i => new PackageKey("npm", $"backfilled-{run}-{i}")).ToList();
        // Records filed under one, two or three of the keys, and a record that moved (its old key no longer names it).
        var records = Enumerable.Range(0, 9).Select(i => Advisory($"GHSA-{run}-{i:D2}", At(1), [.. keys.Skip(i % 5).Take(1 + i % 3)])).ToList();
        await store.UpsertAdvisoriesAsync(records);
        await store.UpsertAdvisoriesAsync([records[0] with { Modified = At(2), Keys = [keys[4]] }]);
        var expected = await store.GetAdvisoriesForPackagesAsync(keys);
        string Ids(IReadOnlyDictionary<PackageKey, IReadOnlyList<Scout.Core.Model.StoredAdvisory>> read) =>
            string.Join(" | ", keys.Select(k => k.Name + ": " + string.Join(",", read[k].Select(a => a.Id).Order(StringComparer.Ordinal))));
        Assert.Contains($"GHSA-{run}-08", Ids(expected));
        Assert.DoesNotContain($"GHSA-{run}-00", string.Join(",", expected[keys[0]].Select(a => a.Id)));

        // As a database written before key documents looks: the records, no key documents, no marker, no backfill begun.
        await store.Client.CommitAsync([.. keys.Select(k => Fs.Delete(Paths.AdvisoryKey(k))), Fs.Delete(Paths.AdvisoryKeysComplete),
            Fs.Delete($"{Paths.Root}/meta/backfill")], default);
        try
        {
            Assert.Equal(Ids(expected), Ids(await FirestoreTestStores.Create(emulator).GetAdvisoriesForPackagesAsync(keys)));

            var oneStep = new FirestoreScoutStore(store.Client) { BackfillPageSize = 3, BackfillPagesPerStep = 1 };
            Assert.True(await oneStep.RunUpkeepStepAsync());
            Assert.Null(await store.Client.GetAsync(Paths.AdvisoryKeysComplete, default));
            Assert.Equal(Ids(expected), Ids(await FirestoreTestStores.Create(emulator).GetAdvisoriesForPackagesAsync(keys)));

            var steps = 1;
            var finishing = new FirestoreScoutStore(store.Client) { BackfillPageSize = 300, BackfillPagesPerStep = 4 };
            while (await finishing.RunUpkeepStepAsync())
            {
                Assert.Null(await store.Client.GetAsync(Paths.AdvisoryKeysComplete, default));
                Assert.True(++steps < 10_000, "the backfill does not finish");
            }

            Assert.NotNull(await store.Client.GetAsync(Paths.AdvisoryKeysComplete, default));
            foreach (var key in keys) Assert.NotEmpty((await store.Client.GetAsync(Paths.AdvisoryKey(key), default))!.StringArray("advisories"));
            Assert.Equal(Ids(expected), Ids(await FirestoreTestStores.Create(emulator).GetAdvisoriesForPackagesAsync(keys)));
        }
        finally
        {
            await store.Client.CommitAsync([Fs.Set(Paths.AdvisoryKeysComplete, new System.Text.Json.Nodes.JsonObject())], default);
        }
    }
}
