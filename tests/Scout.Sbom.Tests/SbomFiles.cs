using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Scout.Purl;
using Scout.Testing;

namespace Scout.Sbom.Tests;

/// <summary>Test data enumeration and a naive, reader-independent purl census of a document.</summary>
internal static partial class SbomFiles
{
    public static string Root => TestData.Path("sbom");

    public static IEnumerable<string> Under(params string[] folder) =>
        Directory.EnumerateFiles(TestData.Path(["sbom", .. folder]), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".csv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    /// <summary>Canonical purls of packages, found by walking the document naively (null when the syntax is not covered).</summary>
    public static HashSet<string>? NaivePurls(string path)
    {
        var text = File.ReadAllText(path);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        var raw = new List<string>();
        if (trimmed.StartsWith('<'))
        {
            var doc = XDocument.Parse(text);
            if (doc.Root?.Name.LocalName != "bom") return null;
            foreach (var c in doc.Descendants().Where(e => e.Name.LocalName == "component" && e.Parent?.Name.LocalName == "components"))
                if (c.Elements().FirstOrDefault(e => e.Name.LocalName == "purl") is { } purl) raw.Add(purl.Value.Trim());
        }
        else if (trimmed.StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            var root = doc.RootElement;
            if (root.TryGetProperty("components", out var components)) CdxPurls(components, raw);
            if (root.TryGetProperty("metadata", out var md) && md.TryGetProperty("component", out var mc) && mc.TryGetProperty("components", out var nested))
                CdxPurls(nested, raw);
            if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Array)
                foreach (var p in packages.EnumerateArray())
                    if (p.TryGetProperty("externalRefs", out var refs) && refs.ValueKind == JsonValueKind.Array)
                        foreach (var r in refs.EnumerateArray())
                            if (r.TryGetProperty("referenceType", out var t) && t.GetString() == "purl" && r.TryGetProperty("referenceLocator", out var loc))
                            {
                                raw.Add(loc.GetString()!);
                                break;
                            }
            if (!root.TryGetProperty("components", out _) && !root.TryGetProperty("packages", out _)) return null;
        }
        else if (text.Contains("SPDXVersion:"))
        {
            foreach (Match m in TagValuePurl().Matches(text)) raw.Add(m.Groups[1].Value);
        }
        else return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in raw)
            if (PackageUrl.TryParse(r, PurlParseMode.Lenient, out var purl, out _)) set.Add(purl.ToString());
        return set;
    }

    private static void CdxPurls(JsonElement components, List<string> into)
    {
        if (components.ValueKind != JsonValueKind.Array) return;
        foreach (var c in components.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.Object) continue;
            if (c.TryGetProperty("purl", out var purl) && purl.ValueKind == JsonValueKind.String) into.Add(purl.GetString()!);
            if (c.TryGetProperty("components", out var nested)) CdxPurls(nested, into);
        }
    }

    [GeneratedRegex(@"^ExternalRef:\s*PACKAGE[-_]MANAGER\s+purl\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex TagValuePurl();

    /// <summary>Runs the normalizer on a worker with a hang guard (not a timing assertion: only "it finished").</summary>
    public static async Task<(Core.Model.NormalizedSbom? Result, SbomFormatException? Refusal)> NormalizeGuarded(byte[] document, SbomLimits? limits = null)
    {
        var normalizer = limits is null ? new SbomNormalizer() : new SbomNormalizer(limits);
        var work = Task.Run(() =>
        {
            try { return ((Core.Model.NormalizedSbom?)normalizer.Normalize(document), (SbomFormatException?)null); }
            catch (SbomFormatException e) { return ((Core.Model.NormalizedSbom?)null, (SbomFormatException?)e); }
        });
        var winner = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(winner == work, "normalizer hung (no result after 2 minutes)");
        return await work;
    }
}
