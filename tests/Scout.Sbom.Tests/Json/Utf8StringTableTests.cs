using System.Text;
using Scout.Sbom.Json;

namespace Scout.Sbom.Tests.Json;

/// <summary>Strings found by their UTF-8 bytes (shared/Scout.Sbom/Json/Utf8StringTable.cs).</summary>
public class Utf8StringTableTests
{
    [Fact]
    public void Finds_each_value_by_its_exact_bytes_through_growth()
    {
        var table = new Utf8StringTable(2);
        var values = Enumerable.Range(0, 5000).Select(i => $"value-{i}-ü").ToList();
        foreach (var v in values) Assert.Same(v, table.Add(Encoding.UTF8.GetBytes(v), v));
        Assert.Equal(values.Count, table.Count);
        foreach (var v in values) Assert.Same(v, table.Find(Encoding.UTF8.GetBytes(v)));
        Assert.Null(table.Find("value-1-u"u8));
        Assert.Null(table.Find("VALUE-1-ü"u8.ToArray()));
        Assert.Null(table.Find([]));
    }

    [Fact]
    public void The_first_string_added_for_some_bytes_is_kept()
    {
        var table = new Utf8StringTable();
        var first = new string("MIT".AsSpan());
        table.Add("MIT"u8, first);
        Assert.Same(first, table.Add("MIT"u8, new string("MIT".AsSpan())));
    }

    [Fact]
    public void Known_value_sets_match_only_as_spelled()
    {
        Assert.Equal("library", KnownValues.ComponentTypes.Find("library"u8));
        Assert.Null(KnownValues.ComponentTypes.Find("Library"u8));
        Assert.Equal("Apache-2.0", KnownValues.LicenseIds.Find("Apache-2.0"u8));
        Assert.Equal(SpdxLicenseIds.Licenses.Count, KnownValues.LicenseIds.Count);
    }
}
