using Scout.Core.Api;
using Scout.Core.Model;

namespace Scout.Core.BaseImages;

/// <summary>
/// What an image's base contributes, loaded for one read: the view shown to the caller, and (when the base is stored)
/// the base itself with its package set and layers, used only to decide origins, never shown.
/// </summary>
public sealed record BaseImageFacts(BaseImageView View, StoredImage? Base, IReadOnlySet<string> Purls)
{
    public IReadOnlySet<string> Layers { get; } = Base?.Image.Layers.ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>base | image; null when the base is only named by a label (its contents are unknown).</summary>
    public string? OriginOf(PackageRecord package)
    {
        if (Base is null) return null;
        var inherited = (package.Purl is not null && Purls.Contains(package.Purl)) || (package.Layer is not null && Layers.Contains(package.Layer));
        return inherited ? Origins.Base : Origins.Image;
    }

    /// <summary>A secret in an env variable or label the base already sets is inherited.</summary>
    public string? OriginOfSecret(Finding secret)
    {
        if (Base is null) return null;
        var inherited = secret.Location == "env"
            ? Base.Image.Env.Any(e => e.Name == secret.Name)
            : Base.Image.Labels.ContainsKey(secret.Name ?? "");
        return inherited ? Origins.Base : Origins.Image;
    }
}

/// <summary>Packages and findings with <c>layer</c> and <c>origin</c> filled, and the finding counts per origin.</summary>
public static class OriginAttribution
{
    public static IReadOnlyList<PackageRecord> Packages(IReadOnlyList<PackageRecord> packages, BaseImageFacts? facts) =>
        [.. packages.Select(p => p with { Origin = facts?.OriginOf(p) })];

    /// <param name="packages">the image's packages, already attributed</param>
    public static IReadOnlyList<Finding> Findings(IReadOnlyList<Finding> findings, IReadOnlyList<PackageRecord> packages, BaseImageFacts? facts)
    {
        var byPurl = new Dictionary<string, PackageRecord>(StringComparer.Ordinal);
        foreach (var p in packages)
            if (p.Purl is not null) byPurl.TryAdd(p.Purl, p);
        return [.. findings.Select(f =>
        {
            if (f.Kind == FindingKinds.Secret) return f with { Origin = facts?.OriginOfSecret(f) };
            var package = f.Purl is null ? null : byPurl.GetValueOrDefault(f.Purl);
            return f with
            {
                Layer = package?.Layer,
                Origin = facts?.Base is null ? null : package?.Origin ?? (f.Purl is not null && facts.Purls.Contains(f.Purl) ? Origins.Base : Origins.Image),
            };
        })];
    }

    /// <param name="findings">attributed findings</param>
    public static OriginCountsView? Counts(IReadOnlyList<Finding> findings, BaseImageFacts? facts) =>
        facts?.Base is null ? null : new OriginCountsView(
            FindingCounts.Compute(findings.Where(f => f.Origin == Origins.Base)),
            FindingCounts.Compute(findings.Where(f => f.Origin == Origins.Image)));
}
