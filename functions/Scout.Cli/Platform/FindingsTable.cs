using Scout.Core.Model;

namespace Scout.Cli.Platform;

public static class FindingsTable
{
    public static void Write(StoredImage image, IReadOnlyList<Finding> findings)
    {
        var output = CliConsole.Current.Out;
        output.WriteLine($"image    {image.Image.Digest}");
        output.WriteLine($"registry {image.Image.Registry?.Url} ({image.Image.Registry?.Type})");
        output.WriteLine($"os       {image.Image.Os?.Type} {image.Image.Os?.Version} / {image.Image.Architecture}; SBOM {image.SbomFormat} {image.SbomSpecVersion}, distro {image.SbomOs?.Id} {image.SbomOs?.Version}");
        output.WriteLine($"packages {image.PackageCount}");
        output.WriteLine("findings " + string.Join(", ", image.FindingCounts.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key}")));
        Output.Table(["severity", "id", "kind", "package / location", "installed", "fixed in", "source"],
            findings.OrderByDescending(f => Severities.Rank(f.Severity)).ThenBy(f => f.Id).Select(f => new[]
            {
                f.Suppressed ? $"{f.Severity} (vex)" : f.Severity, f.Id, f.Kind,
                f.Kind == FindingKinds.Secret ? $"{f.Location} {f.Name} [{f.Rule}]" : f.Purl,
                f.InstalledVersion, string.Join(", ", f.FixedVersions), f.Source,
            }));
    }
}
