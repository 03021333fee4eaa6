using Scout.Advisories;
using Scout.Core.Ports;
using Scout.Sbom;

namespace Scout.Hosting;

public static class DefaultComponents
{
    /// <summary>The real normalizer, and the matcher (its index reads the store's advisories per package) and secret rules.</summary>
    public static async Task<ScoutComponents> CreateAsync(IScoutStore store, long advisoryCacheBytes, CancellationToken ct = default)
    {
        // The watermark is read before the index reads anything: advisories written meanwhile are read again, never missed.
        var revision = await new Scout.Core.UseCases.AdvisoryRevision(store).CurrentAsync(ct);
        var advisories = await AdvisoryServices.CreateAsync(store, advisoryCacheBytes, ct);
        var freshness = new IndexFreshness(store, advisories);
        await freshness.MarkLoadedAsync(revision, ct);
        return new ScoutComponents(new SbomNormalizer(), advisories.Matcher, advisories.SecretScanner) { Advisories = advisories, Freshness = freshness };
    }
}
