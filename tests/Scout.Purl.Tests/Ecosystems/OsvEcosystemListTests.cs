using System.Text.Json;
using Scout.Purl.Ecosystems;
using Scout.Testing;

namespace Scout.Purl.Tests.Ecosystems;

/// <summary>Our ecosystem spellings against OSV's own list (osv/_schema/ecosystems.json) and the records' spellings.</summary>
public sealed class OsvEcosystemListTests
{
    private static HashSet<string> OsvList()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path("osv", "_schema", "ecosystems.json")));
        return doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_known_ecosystem_is_spelled_as_osv_spells_it()
    {
        var osv = OsvList();
        // Homebrew and CPAN have OSV records (osv/Homebrew, osv/CPAN in the test data) that the list does not name yet.
        Assert.All(AdvisoryEcosystems.CanonicalBase.Values.Where(e => e is not ("Homebrew" or "CPAN")), e => Assert.Contains(e, osv));
        Assert.All(AdvisoryEcosystems.RegistryEcosystems, e => Assert.Contains(e, AdvisoryEcosystems.CanonicalBase.Values));
    }

    [Fact]
    public void Every_record_ecosystem_normalizes_to_a_known_base()
    {
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in RealData.OsvFiles())
            foreach (var (ecosystem, name, _) in RealData.OsvPackages(file))
            {
                var key = AdvisoryEcosystems.KeyForOsvPackage(ecosystem, name);
                if (key is null) continue;
                if (!AdvisoryEcosystems.CanonicalBase.Values.Contains(key.BaseEcosystem)) unknown.Add(ecosystem);
            }
        // Spellings seen in the data that are not OSV ecosystems (third-party feeds' own names: Seal Security,
        // Docker's "DHI" shorthand, and Seal's "Oracle Linux", "cbl-mariner", "centos", "redhat").
        string[] foreign = ["Seal", "DHI", "Oracle Linux", "cbl-mariner", "centos", "redhat"];
        Assert.All(unknown, e => Assert.Contains(AdvisoryEcosystems.BaseEcosystem(e), foreign));
    }
}
