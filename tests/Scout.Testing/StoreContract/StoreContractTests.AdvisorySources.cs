using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>Issue #11, one record one source: advisories are keyed by (source, id) in every store.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Advisories_of_different_sources_sharing_an_id_are_kept_side_by_side()
    {
        var id = "CVE-2099-" + Random.Shared.Next(100000, 999999);
        var debianKey = new PackageKey("Debian:12", "openssl-" + id);
        var alpineKey = new PackageKey("Alpine:v3.19", "openssl-" + id);
        var debian = Advisory(id, At(5), debianKey) with { Source = "debian", Json = $$"""{"id":"{{id}}","source":"debian"}""" };
        var alpine = Advisory(id, At(1), alpineKey) with { Source = "alpine", Json = $$"""{"id":"{{id}}","source":"alpine"}""" };
        await Store.UpsertAdvisoriesAsync([debian]);
        await Store.UpsertAdvisoriesAsync([alpine]);   // older, but another source's: replaces nothing

        var both = await Store.GetAdvisoriesByIdAsync(id);
        Assert.Equal(["alpine", "debian"], both.Select(a => a.Source));
        Assert.Equal([alpine.Json, debian.Json], both.Select(a => a.Json));
        Assert.Equal([alpineKey], both[0].Keys);
        Assert.Equal(debian.Json, Assert.Single(await Store.GetAdvisoriesForPackageAsync(debianKey)).Json);
        Assert.Equal(alpine.Json, Assert.Single(await Store.GetAdvisoriesForPackageAsync(alpineKey)).Json);
        Assert.Equal(debian.Json, (await Store.GetAdvisoryAsync(id))!.Json);   // the single-record view: the newest

        // Within a source the newest still wins, and only that source's keys move.
        var movedKey = new PackageKey("Alpine:v3.19", "libssl-" + id);
        await Store.UpsertAdvisoriesAsync([alpine with { Modified = At(9), Keys = [movedKey], Json = $$"""{"id":"{{id}}","v":2}""" }]);
        Assert.Empty(await Store.GetAdvisoriesForPackageAsync(alpineKey));
        Assert.Single(await Store.GetAdvisoriesForPackageAsync(movedKey));
        Assert.Single(await Store.GetAdvisoriesForPackageAsync(debianKey));
        var all = new List<StoredAdvisory>();
        await foreach (var a in Store.ReadAllAdvisoriesAsync()) if (a.Id == id) all.Add(a);
        Assert.Equal(["alpine", "debian"], all.Select(a => a.Source).Order());
        Assert.Empty(await Store.GetAdvisoriesByIdAsync("missing-" + id));
    }
}
