using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Assembly;

/// <summary>
/// One output package being built from the raw packages of one canonical purl (or a package without one); reused for
/// package after package (<see cref="Start"/> forgets the previous one).
/// </summary>
internal sealed class PackageBuilder
{
    private PackageUrl? purl;
    private string name = "";
    private string? @namespace, version;
    // A package's first (usually only) entry's lists are taken over when they hold no duplicate: no copies of them.
    private List<string>? licenses, filePaths;
    private string? expression, author, description, sourcePackage, sourceVersion, layer;
    private long? size;
    private DependencyType dependencyType;

    public void Start(RawPackage p, PackageUrl? purl, DependencyType type, LicenseFacts.ExpressionsSeen expressions)
    {
        this.purl = purl;
        name = purl?.Name ?? p.Name ?? p.Ref ?? "";
        @namespace = purl is null ? p.Group : purl.Namespace;
        version = purl?.Version ?? p.Version;
        licenses = filePaths = null;
        expression = author = description = sourcePackage = sourceVersion = layer = null;
        size = null;
        dependencyType = type;
        Merge(p, type, expressions);
    }

    /// <param name="expressions">license expressions built so far, shared by the packages of one SBOM</param>
    public void Merge(RawPackage p, DependencyType type, LicenseFacts.ExpressionsSeen expressions)
    {
        if (DependencyClassifier.Rank(type) > DependencyClassifier.Rank(dependencyType)) dependencyType = type;
        licenses = AddDistinct(licenses, p.LicenseIds);
        expression ??= LicenseFacts.ExpressionOf(p, expressions);
        author ??= Blank(p.Author);
        description ??= Blank(p.Description);
        size ??= SizeInBytes(p);
        sourcePackage ??= Blank(p.SourcePackage) ?? UpstreamOf(purl);
        sourceVersion ??= SourceVersionOf(p);
        layer ??= Blank(p.Layer) ?? Blank(p.LayerDiffId);
        filePaths = AddDistinct(filePaths, p.FilePaths);
    }

    /// <summary><paramref name="into"/> with the entries of <paramref name="from"/> it lacks; <paramref name="from"/> itself
    /// when there is nothing yet and it repeats nothing (a raw package's list is not read again once merged).</summary>
    private static List<string>? AddDistinct(List<string>? into, List<string>? from)
    {
        if (from is not { Count: > 0 }) return into;
        if (into is null && IsDistinct(from)) return from;
        into ??= new List<string>(from.Count);
        foreach (var value in from) if (!into.Contains(value)) into.Add(value);
        return into;
    }

    private static bool IsDistinct(List<string> values)
    {
        for (var i = 1; i < values.Count; i++)
            for (var j = 0; j < i; j++)
                if (values[i] == values[j]) return false;
        return true;
    }

    public PackageRecord Build() => new()
    {
        Purl = purl?.ToString(),
        Type = purl?.Type,
        Namespace = @namespace,
        Name = name,
        Version = version,
        Licenses = licenses ?? [],
        LicenseExpression = expression,
        Author = author,
        Description = description,
        Size = size,
        FilePaths = filePaths ?? [],
        DependencyType = dependencyType,
        SourcePackage = sourcePackage,
        SourceVersion = sourceVersion,
        Layer = layer,
    };

    /// <summary>"[epoch:]version[-release]" from trivy's SrcEpoch, SrcVersion and SrcRelease (epoch 0 is no epoch).</summary>
    private static string? SourceVersionOf(RawPackage p)
    {
        if (Blank(p.SourceVersion) is not { } version) return null;
        var epoch = Blank(p.SourceEpoch) is { } e && e != "0" && !version.Contains(':') ? e + ":" : "";
        return Blank(p.SourceRelease) is { } release ? $"{epoch}{version}-{release}" : epoch + version;
    }

    private long? SizeInBytes(RawPackage p)
    {
        // dpkg's Installed-Size is in KiB; apk's and rpm's sizes are bytes.
        if (p.InstalledSize is { } installed) return purl?.Type == "deb" ? installed * 1024 : installed;
        return p.Size;
    }

    /// <summary>The purl "upstream" qualifier: "glibc@2.31" (deb), "glibc-2.17-260.el7.src.rpm" (rpm), "busybox" (apk).</summary>
    private static string? UpstreamOf(PackageUrl? purl)
    {
        if (purl is null || purl.Qualifiers.Count == 0) return null;
        // "upstream" is syft's and the purl spec's; osv-scalibr writes "source" (deb) and "origin" (apk).
        if (!purl.Qualifiers.TryGetValue("upstream", out var upstream) && !purl.Qualifiers.TryGetValue("source", out upstream)
            && !purl.Qualifiers.TryGetValue("origin", out upstream)) return null;
        if (upstream.Length == 0) return null;
        if (upstream.EndsWith(".rpm", StringComparison.Ordinal)) return ComponentProperties.SourceRpmName(upstream);
        var at = upstream.IndexOf('@');
        return at > 0 ? upstream[..at] : upstream;
    }

    // Null when blank. A printable ASCII first character settles it without a call into the framework per field.
    private static string? Blank(string? s) =>
        s is { Length: > 0 } && s[0] is > ' ' and < '\u007f' ? s : string.IsNullOrWhiteSpace(s) ? null : s;
}
