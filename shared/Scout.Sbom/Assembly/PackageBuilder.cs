using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Assembly;

/// <summary>One output package being built; duplicates of the same canonical purl merge into it.</summary>
internal sealed class PackageBuilder
{
    private readonly PackageUrl? purl;
    private readonly string name;
    private readonly string? @namespace, version;
    private readonly List<string> licenses = [];
    private readonly List<string> filePaths = [];
    private string? expression, author, description, sourcePackage, sourceVersion;
    private long? size;
    private DependencyType dependencyType;

    public PackageBuilder(RawPackage p, PackageUrl? purl, DependencyType type)
    {
        this.purl = purl;
        name = purl?.Name ?? p.Name ?? p.Ref ?? "";
        @namespace = purl is null ? p.Group : purl.Namespace;
        version = purl?.Version ?? p.Version;
        dependencyType = type;
        Merge(p, type);
    }

    public void Merge(RawPackage p, DependencyType type)
    {
        if (DependencyClassifier.Rank(type) > DependencyClassifier.Rank(dependencyType)) dependencyType = type;
        if (p.LicenseIds is not null)
            foreach (var id in p.LicenseIds) if (!licenses.Contains(id)) licenses.Add(id);
        expression ??= LicenseFacts.ExpressionOf(p);
        author ??= Blank(p.Author);
        description ??= Blank(p.Description);
        size ??= SizeInBytes(p);
        sourcePackage ??= Blank(p.SourcePackage) ?? UpstreamOf(purl);
        sourceVersion ??= SourceVersionOf(p);
        if (p.FilePaths is not null)
            foreach (var path in p.FilePaths) if (!filePaths.Contains(path)) filePaths.Add(path);
    }

    public PackageRecord Build() => new()
    {
        Purl = purl?.ToString(),
        Type = purl?.Type,
        Namespace = @namespace,
        Name = name,
        Version = version,
        Licenses = licenses,
        LicenseExpression = expression,
        Author = author,
        Description = description,
        Size = size,
        FilePaths = filePaths,
        DependencyType = dependencyType,
        SourcePackage = sourcePackage,
        SourceVersion = sourceVersion,
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
        if (purl is null) return null;
        // "upstream" is syft's and the purl spec's; osv-scalibr writes "source" (deb) and "origin" (apk).
        if (!purl.Qualifiers.TryGetValue("upstream", out var upstream) && !purl.Qualifiers.TryGetValue("source", out upstream)
            && !purl.Qualifiers.TryGetValue("origin", out upstream)) return null;
        if (upstream.Length == 0) return null;
        if (upstream.EndsWith(".rpm", StringComparison.Ordinal)) return ComponentProperties.SourceRpmName(upstream);
        var at = upstream.IndexOf('@');
        return at > 0 ? upstream[..at] : upstream;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
