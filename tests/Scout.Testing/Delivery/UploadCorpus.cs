using System.Text;
using Scout.Hosting;
using Scout.Sbom;
using Scout.Testing.Fakes;

namespace Scout.Testing.Delivery;

/// <summary>
/// Deterministic uploads for the delivery tests: upload i is a small CycloneDX SBOM of npm packages drawn from a pool,
/// so images differ in packages and findings; the matcher flags a fixed part of the pool.
/// </summary>
public static class UploadCorpus
{
    private static readonly string[] Pool = [.. Enumerable.Range(0, 40).Select(n => $"lib{n:00}")];
    private static readonly string[] Flagged = [.. Pool.Where((_, n) => n % 3 == 0)];

    public static ScoutComponents Components() => new(new SbomNormalizer(), new PackageNameMatcher(Flagged), new NoSecrets());

    public static string Digest(int i) => "sha256:" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'd');

    public static byte[] Envelope(int i)
    {
        var components = Enumerable.Range(0, 3 + i % 5).Select(k =>
        {
            var name = Pool[(i * 7 + k * 11) % Pool.Length];
            var version = $"{1 + (i + k) % 4}.{k}.{i % 10}";
            return $$"""{"type":"library","name":"{{name}}","version":"{{version}}","purl":"pkg:npm/{{name}}@{{version}}","bom-ref":"{{name}}-{{k}}"}""";
        });
        return Encoding.UTF8.GetBytes($$$"""
            {"image":{"digest":"{{{Digest(i)}}}","architecture":"amd64","os":{"type":"linux","version":"12"}},
             "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{{{string.Join(",", components)}}}]}}
            """);
    }
}
