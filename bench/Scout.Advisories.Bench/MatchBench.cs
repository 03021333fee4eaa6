using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Bench;

/// <summary>Overlay of a 10,000-package SBOM on the synthetic index. Baseline: resolving the same packages' index keys
/// only (purl parse + ecosystem mapping), which every match pays before looking anything up.</summary>
internal static class MatchBench
{
    public static void Run(BenchOptions o)
    {
        Console.WriteLine("== match");
        var names = SyntheticAdvisories.NameCount(o.Advisories);
        var services = AdvisoryServices.CreateDetached();
        var batch = new List<StoredAdvisory>(5000);
        for (var i = 0; i < o.Advisories; i++)
        {
            batch.Add(SyntheticAdvisories.Stored(i, names));
            if (batch.Count == batch.Capacity) { services.Matcher.Apply(batch); batch.Clear(); }
        }
        services.Matcher.Apply(batch);
        var packages = Enumerable.Range(0, o.Packages)
            .Select(i => PackageFromPurl.Create($"pkg:npm/pkg-{(i * 7919L) % names}@1.{i % 9}.{i % 4}")).ToList();
        var request = new OverlayRequest(packages, null);
        services.Matcher.Overlay(request);  // warm-up (JIT, parse caches)
        var runs = 5;
        var (result, ms) = Measure.Time(() => { OverlayResult r = null!; for (var k = 0; k < runs; k++) r = services.Matcher.Overlay(request); return r; });
        var (_, keysMs) = Measure.Time(() => { for (var k = 0; k < runs; k++) foreach (var p in packages) services.Matcher.KeysOf(p, null); return 0; });
        Console.WriteLine($"{packages.Count} packages vs {services.Index.Count} advisories: {ms / runs:0} ms per overlay, {result.Findings.Count} findings; " +
                          $"baseline key resolution only {keysMs / runs:0} ms (ratio {ms / keysMs:0.0}x)");
    }
}
