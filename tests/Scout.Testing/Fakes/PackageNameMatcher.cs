using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>Flags every package whose name is in the set with one high finding: a stand-in for the advisory matcher, which has its own tests.</summary>
public sealed class PackageNameMatcher(params string[] names) : IAdvisoryMatcher
{
    private readonly HashSet<string> flagged = new(names, StringComparer.Ordinal);

    public OverlayResult Overlay(OverlayRequest request) => new(
        request.Packages.Where(p => flagged.Contains(p.Name)).Select(p => new Finding
        {
            Id = "TEST-" + p.Name.ToUpperInvariant(), Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
        }).ToList(),
        request.Packages.Select(p => new PackageKey(p.Type ?? "unknown", p.Name)).ToList(),
        []);
}
