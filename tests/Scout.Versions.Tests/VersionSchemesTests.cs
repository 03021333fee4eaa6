using System.Text.Json;
using Scout.Testing;

namespace Scout.Versions.Tests;

public class VersionSchemesTests
{
    [Theory]
    [InlineData("Debian", "dpkg")]
    [InlineData("Debian:12", "dpkg")]
    [InlineData("Ubuntu:22.04:LTS", "dpkg")]
    [InlineData("Ubuntu:Pro:16.04:LTS", "dpkg")]
    [InlineData("Alpine:v3.18", "apk")]
    [InlineData("Wolfi", "apk")]
    [InlineData("Chainguard", "apk")]
    [InlineData("Red Hat:rhel_aus:8.6::appstream", "rpm")]
    [InlineData("AlmaLinux:9", "rpm")]
    [InlineData("Rocky Linux:9", "rpm")]
    [InlineData("SUSE:Linux Enterprise Server 15 SP5", "rpm")]
    [InlineData("openSUSE:Leap 15.5", "rpm")]
    [InlineData("Amazon Linux 2", "rpm")]
    [InlineData("Amazon Linux:2023", "rpm")]
    [InlineData("PyPI", "pep440")]
    [InlineData("npm", "npm-semver")]
    [InlineData("Maven", "maven")]
    [InlineData("NuGet", "nuget")]
    [InlineData("RubyGems", "rubygems")]
    [InlineData("Go", "go-semver")]
    [InlineData("crates.io", "cargo-semver")]
    [InlineData("Packagist", "composer")]
    [InlineData("Packagist:https://packages.drupal.org/8", "composer")]
    [InlineData("Hex", "hex-semver")]
    [InlineData("Pub", "pub-semver")]
    [InlineData("deb", "dpkg")]
    [InlineData("rpm", "rpm")]
    [InlineData("apk", "apk")]
    [InlineData("pypi", "pep440")]
    [InlineData("maven", "maven")]
    [InlineData("nuget", "nuget")]
    [InlineData("gem", "rubygems")]
    [InlineData("golang", "go-semver")]
    [InlineData("cargo", "cargo-semver")]
    [InlineData("composer", "composer")]
    [InlineData("hex", "hex-semver")]
    [InlineData("pub", "pub-semver")]
    [InlineData("DEB", "dpkg")]
    public void Known_names_map_to_their_native_scheme(string name, string scheme) =>
        Assert.Equal(scheme, VersionSchemes.ForEcosystem(name)?.Name);

    [Theory]
    [InlineData("CRAN")]
    [InlineData("Hackage")]
    [InlineData("Linux")]
    [InlineData("GIT")]
    [InlineData("debian")]
    [InlineData("pypi:foo")]
    [InlineData("generic")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Unknown_names_have_no_scheme(string? name) => Assert.Null(VersionSchemes.ForEcosystem(name!));

    // Ecosystems in the test data that deliberately have no scheme here: no native ordering we implement, or
    // names outside the OSV list (lower-case aliases some feeds use). Their findings are "indeterminate".
    private static readonly HashSet<string> Unmapped =
    [
        "Android", "Bitnami", "bitnami", "CPAN", "CRAN", "DHI", "Docker Hardened Images", "Echo", "GHC", "GitHub Actions",
        "Hackage", "Homebrew", "Julia", "Linux", "OSS-Fuzz", "Root", "Seal", "SwiftURL", "VSCode", "cbl-mariner",
        "centos", "kubernetes", "opam", "redhat",
    ];

    [Fact]
    public void Every_ecosystem_in_the_real_advisories_is_mapped_or_deliberately_not()
    {
        var seen = new HashSet<string>();
        foreach (var path in Directory.EnumerateFiles(TestData.Path("osv"), "*.json", SearchOption.AllDirectories))
        {
            if (path.Contains($"{Path.DirectorySeparatorChar}_")) continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("affected", out var affected)) continue;
            foreach (var a in affected.EnumerateArray())
                if (a.TryGetProperty("package", out var p) && p.TryGetProperty("ecosystem", out var e) && e.GetString() is { } eco)
                    seen.Add(eco);
        }
        Assert.True(seen.Count > 50, $"only {seen.Count} ecosystem names found");
        var surprises = seen.Where(e => VersionSchemes.ForEcosystem(e) is null && !Unmapped.Contains(e.Split(':')[0])).ToList();
        Assert.True(surprises.Count == 0, "unmapped: " + string.Join(", ", surprises));
        Assert.All(Unmapped, u => Assert.Null(VersionSchemes.ForEcosystem(u)));
    }
}
