using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>Flags every package with the given name: a stand-in for the advisory matcher, which has its own tests.</summary>
public sealed class NamedPackageMatcher(string name, string advisoryId) : IAdvisoryMatcher
{
    public OverlayResult Overlay(OverlayRequest request) => new(
        request.Packages.Where(p => p.Name == name).Select(p => new Finding
        {
            Id = advisoryId, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
        }).ToList(),
        request.Packages.Select(p => new PackageKey(p.Type ?? "unknown", p.Name)).ToList(),
        []);
}
