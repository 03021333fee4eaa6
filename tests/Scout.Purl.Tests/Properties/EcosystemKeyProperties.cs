using CsCheck;
using Scout.Purl.Ecosystems;

namespace Scout.Purl.Tests.Properties;

/// <summary>However a registry package name is spelled in an OSV record, the purl of that package meets it.</summary>
public sealed class EcosystemKeyProperties
{
    private static readonly Gen<string> Word = Gen.Select(Gen.Char["abcdefxyzABCXYZ"], Gen.String["abcxyzABCXYZ0189"], (c, s) => c + s);
    private static readonly Gen<string> Separator = Gen.OneOf("-", "_", ".", "--", "._");
    private static readonly Gen<string> DottedName = Gen.Select(Word, Gen.Select(Separator, Word).Array[0, 3],
        (first, rest) => first + string.Concat(rest.Select(r => r.Item1 + r.Item2)));

    [Fact]
    public void Pypi_names_meet_whatever_their_spelling() =>
        Gen.Select(DottedName, Gen.Bool).Sample((name, upper) =>
        {
            var spelled = upper ? name.ToUpperInvariant() : name;
            var purl = PackageUrl.Build("pypi", null, spelled, "1.0");
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("PyPI", name), AdvisoryEcosystems.Map(purl).Key);
            // PEP 503: '-', '_' and '.' runs are one separator, case does not matter.
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("PyPI", name.Replace('.', '_').ToLowerInvariant()), AdvisoryEcosystems.Map(purl).Key);
        });

    [Fact]
    public void Nuget_and_crate_and_composer_names_meet_in_any_case() =>
        Gen.Select(DottedName, Word).Sample((name, vendor) =>
        {
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("NuGet", name.ToUpperInvariant()),
                AdvisoryEcosystems.Map(PackageUrl.Build("nuget", null, name)).Key);
            var crate = name.Replace('.', '_');
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("crates.io", crate.Replace('_', '-')),
                AdvisoryEcosystems.Map(PackageUrl.Build("cargo", null, crate)).Key);
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("Packagist", $"{vendor}/{name}"),
                AdvisoryEcosystems.Map(PackageUrl.Build("composer", vendor.ToUpperInvariant(), name)).Key);
        });

    [Fact]
    public void Case_sensitive_registries_keep_the_exact_name() =>
        Gen.Select(Word, DottedName).Sample((group, artifact) =>
        {
            Assert.Equal(new AdvisoryKey("Maven", $"{group}:{artifact}"),
                AdvisoryEcosystems.Map(PackageUrl.Build("maven", group, artifact)).Key);
            Assert.Equal(new AdvisoryKey("npm", $"@{group}/{artifact}"),
                AdvisoryEcosystems.Map(PackageUrl.Parse(PackageUrl.Build("npm", "@" + group, artifact).ToString())).Key);
            Assert.Equal(AdvisoryEcosystems.KeyForOsvPackage("Go", $"github.com/{group}/{artifact}"),
                AdvisoryEcosystems.Map(PackageUrl.Build("golang", $"github.com/{group}", artifact)).Key);
        });
}
