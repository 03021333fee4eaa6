using System.Text.Json;
using Scout.Testing;

namespace Scout.Purl.Tests.Ecosystems;

/// <summary>Checks that a table row really comes from the public test data.</summary>
internal static class RealData
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>The SBOM file's text with JSON (\u0026) and XML (&amp;amp;) escapes of '&amp;' undone.</summary>
    public static string SbomText(string relativePath)
    {
        lock (Texts)
        {
            if (!Texts.TryGetValue(relativePath, out var text))
            {
                text = File.ReadAllText(TestData.Path("sbom", relativePath))
                    .Replace("\\u0026", "&", StringComparison.Ordinal)
                    .Replace("&amp;", "&", StringComparison.Ordinal);
                Texts[relativePath] = text;
            }
            return text;
        }
    }

    /// <summary>The (ecosystem, name, purl) of every affected[].package of one OSV record.</summary>
    public static IEnumerable<(string Ecosystem, string Name, string? Purl)> OsvPackages(string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException) { yield break; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("affected", out var affected)
                || affected.ValueKind != JsonValueKind.Array)
                yield break;
            foreach (var a in affected.EnumerateArray())
            {
                if (!a.TryGetProperty("package", out var p) || p.ValueKind != JsonValueKind.Object) continue;
                var ecosystem = p.TryGetProperty("ecosystem", out var e) ? e.GetString() : null;
                var name = p.TryGetProperty("name", out var n) ? n.GetString() : null;
                var purl = p.TryGetProperty("purl", out var u) ? u.GetString() : null;
                if (ecosystem is not null && name is not null) yield return (ecosystem, name, purl);
            }
        }
    }

    public static IEnumerable<string> OsvFiles() =>
        Directory.GetFiles(TestData.Path("osv"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("_schema", StringComparison.Ordinal) && !f.Contains("_conformance", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal);
}
