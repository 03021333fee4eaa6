using System.Text.Json;
using Scout.Testing;
using Scout.Versions.Osv;

namespace Scout.Versions.Tests;

/// <summary>One affected[] entry of a real OSV record, read just far enough to evaluate it.</summary>
public sealed record OsvAffectedEntry(string? Ecosystem, string? Name, IReadOnlyList<string> Versions, IReadOnlyList<OsvRange> Ranges);

public static class OsvRecords
{
    public static IReadOnlyList<OsvAffectedEntry> Affected(string relativePath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path(["osv", .. relativePath.Split('/')])));
        var entries = new List<OsvAffectedEntry>();
        foreach (var affected in doc.RootElement.GetProperty("affected").EnumerateArray())
        {
            string? ecosystem = null, name = null;
            if (affected.TryGetProperty("package", out var package))
            {
                ecosystem = package.TryGetProperty("ecosystem", out var e) ? e.GetString() : null;
                name = package.TryGetProperty("name", out var n) ? n.GetString() : null;
            }
            var versions = affected.TryGetProperty("versions", out var vs) ? vs.EnumerateArray().Select(v => v.GetString()!).ToList() : [];
            var ranges = new List<OsvRange>();
            if (affected.TryGetProperty("ranges", out var rs))
            {
                foreach (var range in rs.EnumerateArray())
                {
                    var events = range.GetProperty("events").EnumerateArray()
                        .SelectMany(e => e.EnumerateObject().Select(p => new OsvEvent(p.Name, p.Value.GetString()!)))
                        .ToList();
                    ranges.Add(new OsvRange(range.GetProperty("type").GetString()!, events));
                }
            }
            entries.Add(new OsvAffectedEntry(ecosystem, name, versions, ranges));
        }
        return entries;
    }
}
