using Scout.Core.Ports;

namespace Scout.Hosting;

public static class DefaultComponents
{
    public static Task<ScoutComponents> CreateAsync(IScoutStore store, CancellationToken ct = default) =>
        throw new NotSupportedException("the default SBOM normalizer and advisory matcher are wired when Scout.Sbom and Scout.Advisories land");
}
