using Scout.Core.Model;
using Scout.Core.UseCases;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>Issue #11, index freshness: the advisory watermark other processes compare before each batch, in every store.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task The_advisory_watermark_names_what_each_write_stored()
    {
        var revision = new AdvisoryRevision(Store);
        var before = await revision.CurrentAsync();
        var id = "CVE-2098-" + Random.Shared.Next(100000, 999999);
        var written = new[]
        {
            Advisory(id, At(1), new PackageKey("Debian:12", "p-" + id)) with { Source = "debian" },
            Advisory(id, At(1), new PackageKey("Alpine:v3.19", "p-" + id)) with { Source = "alpine" },
        };
        await Store.UpsertAdvisoriesAsync(written);
        var after = await revision.BumpAsync(written);
        Assert.Equal(before + 1, after);
        Assert.Equal(after, await revision.CurrentAsync());
        var changes = await revision.ChangesAsync(after);
        Assert.Equal([("alpine", id), ("debian", id)], changes!.Order());
        // What a stale process reads back to catch up: each source's record.
        Assert.Equal(["alpine", "debian"], (await Store.GetAdvisoriesByIdAsync(id)).Select(a => a.SourceKey));
        Assert.Null(await revision.ChangesAsync(after + 1000));   // unknown revision: the reader reloads everything
    }
}
