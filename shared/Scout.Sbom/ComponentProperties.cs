namespace Scout.Sbom;

/// <summary>
/// Facts tools put in CycloneDX name/value properties: syft's locations, source packages and sizes,
/// trivy's source names and file paths. Unknown properties are ignored.
/// </summary>
internal static class ComponentProperties
{
    /// <summary>Whether <see cref="Apply"/> could use a property of this (UTF-8, as written) name.</summary>
    public static bool IsUseful(ReadOnlySpan<byte> name, bool escaped)
    {
        if (escaped) return true;
        if (name.StartsWith("syft:location:"u8)) return name.EndsWith(":path"u8) || name.EndsWith(":layerID"u8);
        return name.StartsWith("scout:"u8) || name.StartsWith("syft:metadata:"u8) || name.StartsWith("syft:distro:"u8) || name.StartsWith("aquasecurity:trivy:"u8);
    }

    /// <summary>Whether the property's value is one of a few shared by many packages (the image's layers).</summary>
    public static bool Repeats(string name) =>
        name.EndsWith(":layerID", StringComparison.Ordinal) || name.StartsWith("aquasecurity:trivy:LayerDi", StringComparison.Ordinal)
        || name == "aquasecurity:trivy:DiffID";

    public static void Apply(RawPackage p, string? name, string? value)
    {
        if (name is null || string.IsNullOrEmpty(value)) return;
        if (name.StartsWith("syft:location:", StringComparison.Ordinal) && name.EndsWith(":path", StringComparison.Ordinal))
        {
            p.AddFilePath(value);
            return;
        }
        // The layer a package came from: syft's first location, trivy's layer digest (its diff id when no digest).
        if (name.StartsWith("syft:location:", StringComparison.Ordinal) && name.EndsWith(":layerID", StringComparison.Ordinal))
        {
            p.Layer ??= value;
            return;
        }
        switch (name)
        {
            case "aquasecurity:trivy:LayerDigest":
                p.Layer = value;
                break;
            case "aquasecurity:trivy:LayerDiffID":
            case "aquasecurity:trivy:DiffID":
                p.LayerDiffId ??= value;
                break;
            // scout's own export (Export/CycloneDxExport.cs) names what it stored the same way on the way back in.
            case "scout:sourcePackage":
            case "syft:metadata:source":
            case "syft:metadata:originPackage":
            case "aquasecurity:trivy:SrcName":
                p.SourcePackage ??= value;
                break;
            case "aquasecurity:trivy:SrcVersion":
                p.SourceVersion ??= value;
                break;
            case "aquasecurity:trivy:SrcRelease":
                p.SourceRelease ??= value;
                break;
            case "aquasecurity:trivy:SrcEpoch":
                p.SourceEpoch ??= value;
                break;
            case "syft:metadata:sourceRpm":
                p.SourcePackage ??= SourceRpmName(value);
                break;
            case "syft:metadata:installedSize":
                if (long.TryParse(value, out var installed)) p.InstalledSize = installed;
                break;
            case "scout:size":
            case "syft:metadata:size":
                if (long.TryParse(value, out var size)) p.Size ??= size;
                break;
            case "syft:distro:id":
                p.OsId = value;
                break;
            case "syft:distro:versionID":
                p.OsVersion = value;
                break;
            case "aquasecurity:trivy:FilePath":
                p.AddFilePath(value);
                break;
        }
    }

    /// <summary>"glibc-2.17-260.el7.src.rpm" -> "glibc": the name is what precedes version and release.</summary>
    public static string? SourceRpmName(string sourceRpm)
    {
        var s = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^8]
            : sourceRpm.EndsWith(".nosrc.rpm", StringComparison.Ordinal) ? sourceRpm[..^10] : sourceRpm;
        var release = s.LastIndexOf('-');
        if (release <= 0) return null;
        var version = s.LastIndexOf('-', release - 1);
        return version <= 0 ? null : s[..version];
    }
}
