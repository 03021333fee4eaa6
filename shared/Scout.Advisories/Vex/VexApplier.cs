using Scout.Core.Model;

namespace Scout.Advisories.Vex;

/// <summary>
/// Applies VEX statements to findings. A statement applies when its vulnerability is the finding's id or one of
/// its aliases and one of its products is the finding's package (same type/namespace/name; the version too when the
/// statement names one; qualifiers ignored) or the image itself. Later statements override earlier ones, as OpenVEX
/// orders them. Statements that apply to no finding are reported as warnings.
/// </summary>
public static class VexApplier
{
    public static (IReadOnlyList<Finding> Findings, IReadOnlyList<SbomWarning> Warnings) Apply(
        IReadOnlyList<Finding> findings, IReadOnlyList<VexStatement> statements)
    {
        if (statements.Count == 0) return (findings, []);
        var used = new bool[statements.Count];
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (f.Kind == FindingKinds.Secret) { result.Add(f); continue; }
            var updated = f;
            for (var i = 0; i < statements.Count; i++)
            {
                var s = statements[i];
                if (!Names(s).Any(n => Is(f, n)) || !s.Products.Any(p => ProductMatches(p, f.Purl))) continue;
                used[i] = true;
                updated = updated with { Vex = new VexAssessment(s.Status, s.Justification), Suppressed = s.Suppresses };
            }
            result.Add(updated);
        }
        var warnings = new List<SbomWarning>();
        for (var i = 0; i < statements.Count; i++)
            if (!used[i])
                warnings.Add(new SbomWarning($"vex:{statements[i].DocumentId}",
                    $"statement {statements[i].Vulnerability} ({statements[i].Status}) for {string.Join(", ", statements[i].Products)} matches no finding"));
        return (result, warnings);
    }

    private static IEnumerable<string> Names(VexStatement s) => s.Aliases.Prepend(s.Vulnerability);

    private static bool Is(Finding f, string vuln) =>
        string.Equals(f.Id, vuln, StringComparison.OrdinalIgnoreCase) || f.Aliases.Any(a => string.Equals(a, vuln, StringComparison.OrdinalIgnoreCase));

    public static bool ProductMatches(string product, string? packagePurl)
    {
        if (packagePurl == null) return false;
        var p = PurlCoordinates.From(product);
        if (p == null) return false;
        if (p.Type == "oci") return true;  // a claim about the whole image
        var q = PurlCoordinates.From(packagePurl);
        return q != null && p.Type == q.Type && p.Namespace == q.Namespace && p.Name == q.Name
            && (p.Version == null || p.Version == q.Version);
    }

    /// <summary>The identity parts of a purl, enough to compare a VEX product with a package (qualifiers ignored).</summary>
    private sealed record PurlCoordinates(string Type, string? Namespace, string Name, string? Version)
    {
        public static PurlCoordinates? From(string purl)
        {
            if (!purl.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase)) return null;
            var rest = purl[4..].TrimStart('/');
            var cut = rest.IndexOfAny(['?', '#']);
            if (cut >= 0) rest = rest[..cut];
            string? version = null;
            var at = rest.LastIndexOf('@');
            if (at > 0) { version = Uri.UnescapeDataString(rest[(at + 1)..]); rest = rest[..at]; }
            var segments = rest.Trim('/').Split('/');
            if (segments.Length < 2) return null;
            var type = segments[0].ToLowerInvariant();
            var name = Uri.UnescapeDataString(segments[^1]);
            var ns = segments.Length > 2 ? string.Join('/', segments[1..^1].Select(Uri.UnescapeDataString)) : null;
            // Types whose namespace and name are case-insensitive per the purl spec.
            if (type is "deb" or "apk" or "npm" or "pypi" or "github" or "bitbucket" or "composer")
            {
                ns = ns?.ToLowerInvariant();
                name = name.ToLowerInvariant();
            }
            return new PurlCoordinates(type, ns, name, version);
        }
    }
}
