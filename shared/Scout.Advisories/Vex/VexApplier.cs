using Scout.Core.Model;

namespace Scout.Advisories.Vex;

/// <summary>
/// Applies VEX statements to findings. A statement applies when its vulnerability is the finding's id or one of
/// its aliases and one of its targets covers the finding's package: a package product (same type/namespace/name; the
/// version too when the statement names one; qualifiers ignored), or a product that identifies this image (a pkg:oci
/// purl whose digest — or, without a digest, whose name — is the image's, or the image digest itself). A product
/// with subcomponents covers only those subcomponents. A pkg:oci product for another image covers nothing here.
/// Later statements override earlier ones, as OpenVEX orders them. Statements that apply to no finding are warnings.
/// </summary>
public static class VexApplier
{
    public static (IReadOnlyList<Finding> Findings, IReadOnlyList<SbomWarning> Warnings) Apply(
        IReadOnlyList<Finding> findings, IReadOnlyList<VexStatement> statements, ImageSubject? image = null)
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
                if (!Names(s).Any(n => Is(f, n)) || !s.Targets.Any(t => Covers(t, f.Purl, image))) continue;
                used[i] = true;
                updated = updated with { Vex = new VexAssessment(s.Status, s.Justification), Suppressed = s.Suppresses };
            }
            result.Add(updated);
        }
        var warnings = new List<SbomWarning>();
        for (var i = 0; i < statements.Count; i++)
            if (!used[i])
                warnings.Add(new SbomWarning($"vex:{statements[i].DocumentId}",
                    $"statement {statements[i].Vulnerability} ({statements[i].Status}) for {string.Join(", ", statements[i].Targets.Select(t => t.Product))} matches no finding of this image"));
        return (result, warnings);
    }

    private static bool Covers(VexTarget target, string? packagePurl, ImageSubject? image)
    {
        if (target.Subcomponents.Count > 0)
            return (IdentifiesImage(target.Product, image) || IsPackageProduct(target.Product))
                && target.Subcomponents.Any(sc => ProductMatches(sc, packagePurl));
        return IdentifiesImage(target.Product, image) || (IsPackageProduct(target.Product) && ProductMatches(target.Product, packagePurl));
    }

    private static bool IsPackageProduct(string product) =>
        product.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) && PurlCoordinates.From(product) is { Type: not "oci" };

    /// <summary>True when the product names this image: its digest, or a pkg:oci purl with its digest or (no digest) its name.</summary>
    public static bool IdentifiesImage(string product, ImageSubject? image)
    {
        if (image == null || product.Length == 0) return false;
        if (string.Equals(product, image.Digest, StringComparison.OrdinalIgnoreCase)) return true;
        var p = PurlCoordinates.From(product);
        if (p is not { Type: "oci" }) return false;
        if (p.Version != null) return string.Equals(p.Version, image.Digest, StringComparison.OrdinalIgnoreCase);
        return RepositoryName(image.Repository) is { } name && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The last path segment of a repository reference, without tag or digest: docker.io/library/nginx:1.25 → nginx.</summary>
    private static string? RepositoryName(string? repository)
    {
        if (string.IsNullOrEmpty(repository)) return null;
        var r = repository;
        var at = r.IndexOf('@');
        if (at >= 0) r = r[..at];
        var slash = r.LastIndexOf('/');
        var colon = r.LastIndexOf(':');
        if (colon > slash) r = r[..colon];
        return r[(r.LastIndexOf('/') + 1)..];
    }

    private static IEnumerable<string> Names(VexStatement s) => s.Aliases.Prepend(s.Vulnerability);

    private static bool Is(Finding f, string vuln) =>
        string.Equals(f.Id, vuln, StringComparison.OrdinalIgnoreCase) || f.Aliases.Any(a => string.Equals(a, vuln, StringComparison.OrdinalIgnoreCase));

    public static bool ProductMatches(string product, string? packagePurl)
    {
        if (packagePurl == null) return false;
        var p = PurlCoordinates.From(product);
        if (p == null || p.Type == "oci") return false;  // image products are scoped by IdentifiesImage
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
