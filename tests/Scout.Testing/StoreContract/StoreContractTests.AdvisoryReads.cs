using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>Issue #15, cold start: what a host reading advisories per package asks every store.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Advisories_of_many_packages_come_in_one_read_each_under_every_key_it_names()
    {
        var run = Random.Shared.Next(100000, 999999);
        var keys = Enumerable.Range(0, 45).Select(i => new PackageKey("npm", $"pkg-{run}-{i}")).ToList(); // more than one query's worth
        var shared = Advisory($"GHSA-{run}-shared", At(1), keys[0], keys[40]);
        var single = keys.Skip(1).Take(30).Select((k, i) => Advisory($"GHSA-{run}-{i}", At(2), k)).ToList();
        var bare = new PackageKey("npm", $"pkg-{run}-none");
        await Store.UpsertAdvisoriesAsync([shared, .. single]);

        var read = await Store.GetAdvisoriesForPackagesAsync([.. keys, bare]);

        Assert.Equal(keys.Count + 1, read.Count);
        Assert.Equal([shared.Id], read[keys[0]].Select(a => a.Id));
        Assert.Equal([shared.Id], read[keys[40]].Select(a => a.Id));
        for (var i = 1; i <= 30; i++) Assert.Equal([single[i - 1].Id], read[keys[i]].Select(a => a.Id));
        Assert.Empty(read[keys[44]]);
        Assert.Empty(read[bare]);
        Assert.Equal(shared.Json, read[keys[0]][0].Json);
    }

    [Fact]
    public async Task An_upsert_names_the_keys_the_records_it_replaced_were_filed_under()
    {
        var run = Random.Shared.Next(100000, 999999);
        var old = new PackageKey("npm", $"old-{run}");
        var kept = new PackageKey("npm", $"kept-{run}");
        var moved = new PackageKey("npm", $"new-{run}");
        var first = Advisory($"GHSA-{run}", At(1), old, kept);

        Assert.Empty(await Store.UpsertAdvisoriesAsync([first]));
        var replaced = await Store.UpsertAdvisoriesAsync([first with { Modified = At(5), Keys = [kept, moved] }]);
        Assert.Equal([kept, old], replaced.OrderBy(k => k.Name, StringComparer.Ordinal));
        Assert.Empty(await Store.UpsertAdvisoriesAsync([first with { Modified = At(3) }]));   // older: replaces nothing
    }
}
