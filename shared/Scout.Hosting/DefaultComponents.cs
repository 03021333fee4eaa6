using Scout.Advisories;
using Scout.Core.Ports;
using Scout.Sbom;

namespace Scout.Hosting;

public static class DefaultComponents
{
    /// <summary>The real normalizer, and the matcher and secret rules with the index loaded from the store's advisories.</summary>
    public static async Task<ScoutComponents> CreateAsync(IScoutStore store, CancellationToken ct = default)
    {
        var advisories = await AdvisoryServices.CreateAsync(store, ct);
        return new ScoutComponents(new SbomNormalizer(), advisories.Matcher, advisories.SecretScanner) { Advisories = advisories };
    }
}
