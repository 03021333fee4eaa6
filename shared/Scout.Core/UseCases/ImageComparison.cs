using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>GET /v1/images/{a}/compare/{b} (DESIGN.md section 8): a = before, b = after.</summary>
public sealed record ImageComparisonView(
    PackageChanges Packages, FindingChanges Findings, BeforeAfter<IReadOnlyDictionary<string, int>> FindingCounts,
    BeforeAfter<BaseImageRef?> BaseImage, IReadOnlyList<string> Warnings);

/// <param name="Indeterminate">same package, different version, and no native order decides which is newer</param>
public sealed record PackageChanges(
    IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<VersionChange> Upgraded,
    IReadOnlyList<VersionChange> Downgraded, IReadOnlyList<VersionChange> Indeterminate);

public sealed record VersionChange(string From, string To);

public sealed record FindingChanges(IReadOnlyList<string> Fixed, IReadOnlyList<string> New, IReadOnlyList<string> Unchanged);

public sealed record BeforeAfter<T>(T Before, T After);

/// <summary>
/// Compares two stored images. Packages are the same package when type, namespace and name agree (qualifiers such
/// as distro or arch may differ); versions are ordered by the ecosystem's own scheme, and a pair no scheme can order
/// is "indeterminate", never guessed. Findings compare by id, suppressed (VEX) and indeterminate ones left out.
/// </summary>
public static class ImageComparison
{
    public static ImageComparisonView Compare(
        StoredImage before, IReadOnlyList<PackageRecord> beforePackages, IReadOnlyList<Finding> beforeFindings, BaseImageRef? beforeBase,
        StoredImage after, IReadOnlyList<PackageRecord> afterPackages, IReadOnlyList<Finding> afterFindings, BaseImageRef? afterBase,
        IVersionOrder versions)
    {
        var warnings = new List<string>();
        var unkeyed = beforePackages.Count(p => p.Purl is null) + afterPackages.Count(p => p.Purl is null);
        if (unkeyed > 0) warnings.Add($"{unkeyed} package(s) without a purl were not compared (no identity to match them by)");

        var added = new List<string>();
        var removed = new List<string>();
        var upgraded = new List<VersionChange>();
        var downgraded = new List<VersionChange>();
        var indeterminate = new List<VersionChange>();
        var old = Group(beforePackages);
        var fresh = Group(afterPackages);
        foreach (var key in old.Keys.Union(fresh.Keys).Order(StringComparer.Ordinal))
        {
            var a = old.GetValueOrDefault(key) ?? [];
            var b = fresh.GetValueOrDefault(key) ?? [];
            // The same version on both sides is no change; what is left pairs up only when it is one package each.
            var sameVersions = a.Select(p => p.Version).Intersect(b.Select(p => p.Version)).ToHashSet();
            var aLeft = a.Where(p => !sameVersions.Contains(p.Version)).ToList();
            var bLeft = b.Where(p => !sameVersions.Contains(p.Version)).ToList();
            if (aLeft.Count == 1 && bLeft.Count == 1)
            {
                var change = new VersionChange(aLeft[0].Purl!, bLeft[0].Purl!);
                var order = aLeft[0].Version is { } va && bLeft[0].Version is { } vb && aLeft[0].Type is { } type ? versions.Compare(type, va, vb) : null;
                (order switch { < 0 => upgraded, > 0 => downgraded, 0 => null, null => indeterminate })?.Add(change);
                continue;
            }
            removed.AddRange(aLeft.Select(p => p.Purl!));
            added.AddRange(bLeft.Select(p => p.Purl!));
        }

        var beforeIds = FindingIds(beforeFindings);
        var afterIds = FindingIds(afterFindings);
        var findings = new FindingChanges(
            [.. beforeIds.Except(afterIds).Order(StringComparer.Ordinal)],
            [.. afterIds.Except(beforeIds).Order(StringComparer.Ordinal)],
            [.. beforeIds.Intersect(afterIds).Order(StringComparer.Ordinal)]);
        return new ImageComparisonView(
            new PackageChanges(added, removed, upgraded, downgraded, indeterminate), findings,
            new BeforeAfter<IReadOnlyDictionary<string, int>>(before.FindingCounts, after.FindingCounts),
            new BeforeAfter<BaseImageRef?>(beforeBase, afterBase), warnings);
    }

    private static Dictionary<string, List<PackageRecord>> Group(IReadOnlyList<PackageRecord> packages)
    {
        var groups = new Dictionary<string, List<PackageRecord>>(StringComparer.Ordinal);
        foreach (var p in packages)
        {
            if (p.Purl is null) continue;
            // syft's "pkg:alpine/musl" is trivy's "pkg:apk/alpine/musl": one package, as the advisory mapping
            // treats them (shared/Scout.Purl/Ecosystems/AdvisoryEcosystems.cs).
            var key = p.Type == "alpine" ? $"apk/alpine/{p.Name}" : $"{p.Type}/{p.Namespace}/{p.Name}";
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(p);
        }
        return groups;
    }

    private static HashSet<string> FindingIds(IEnumerable<Finding> findings) =>
        findings.Where(f => !f.Suppressed && f.Kind != FindingKinds.Indeterminate).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Loads two of a tenant's stored images and compares them; shared by the API and the CLI.</summary>
public sealed class CompareImages(IImageStore store, IVersionOrder versions, IBaseImageSource? baseImages)
{
    /// <summary>Null when either image is not the tenant's (the caller says "not found" without saying which tenant has it).</summary>
    public async Task<(ImageComparisonView View, StoredImage Before, StoredImage After)?> RunAsync(string tenantId, string before, string after, CancellationToken ct = default)
    {
        var a = await store.GetImageAsync(tenantId, before, ct);
        var b = await store.GetImageAsync(tenantId, after, ct);
        if (a is null || b is null) return null;
        var view = ImageComparison.Compare(
            a, await store.GetPackagesAsync(tenantId, before, ct), await store.GetFindingsAsync(tenantId, before, ct),
            baseImages is null ? null : await baseImages.GetBaseImageAsync(tenantId, before, ct),
            b, await store.GetPackagesAsync(tenantId, after, ct), await store.GetFindingsAsync(tenantId, after, ct),
            baseImages is null ? null : await baseImages.GetBaseImageAsync(tenantId, after, ct),
            versions);
        return (view, a, b);
    }

    public static string DisplayName(StoredImage image) =>
        image.Image.Registry?.Url is { Length: > 0 } url ? $"{url}@{ComparisonMarkdown.Short(image.Image.Digest)}" : image.Image.Digest;
}
