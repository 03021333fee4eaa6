using System.Text.RegularExpressions;
using Scout.Purl.Ecosystems;
using Scout.Testing;

namespace Scout.Purl.Tests.Ecosystems;

/// <summary>Every purl that real container-image SBOMs carry (syft, trivy, bom, osv-scanner fixtures).</summary>
public sealed partial class ImageSbomPurlTests
{
    // osv-scanner's fixture of deliberately malformed purls.
    private const string BadPurlsFixture = "bad-purls.cdx.xml";

    [GeneratedRegex(@"""(?:purl|referenceLocator)""\s*:\s*""(pkg:[^""]+)""|<purl>(pkg:[^<]+)</purl>|PackageURL\s+(pkg:\S+)")]
    private static partial Regex PurlField();

    private static IEnumerable<(string File, string Purl)> ImagePurls()
    {
        foreach (var file in Directory.GetFiles(TestData.Path("sbom", "images"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\\u0026", "&", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
            foreach (Match m in PurlField().Matches(text))
                yield return (Path.GetFileName(file), m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
        }
    }

    [Fact]
    public void Every_image_purl_parses_except_the_malformed_fixture()
    {
        var purls = ImagePurls().Distinct().ToList();
        Assert.True(purls.Count > 1000, $"only {purls.Count} purls found in image SBOMs");
        var rejected = purls.Where(p => !PackageUrl.TryParse(p.Purl, PurlParseMode.Lenient, out _, out _)).ToList();
        Assert.All(rejected, r => Assert.Equal(BadPurlsFixture, r.File));
    }

    [Fact]
    public void Every_os_package_of_an_image_with_a_distro_qualifier_maps()
    {
        var unmapped = new List<string>();
        var mapped = 0;
        foreach (var (file, text) in ImagePurls().Distinct())
        {
            if (file == BadPurlsFixture || !PackageUrl.TryParse(text, PurlParseMode.Lenient, out var purl, out _)) continue;
            if (purl.Type is not ("deb" or "apk" or "alpine" or "rpm") || !purl.Qualifiers.ContainsKey("distro")) continue;
            var mapping = AdvisoryEcosystems.Map(purl);
            if (mapping.IsMapped) mapped++;
            else unmapped.Add($"{file}: {text}: {mapping.UnmappedReason}");
        }
        Assert.True(mapped > 500, $"only {mapped} OS purls mapped");
        Assert.True(unmapped.Count == 0, string.Join("\n", unmapped.Take(20)));
    }
}
