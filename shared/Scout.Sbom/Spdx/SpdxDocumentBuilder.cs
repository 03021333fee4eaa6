namespace Scout.Sbom.Spdx;

/// <summary>
/// Collects what an SPDX 2.x document (JSON or tag-value) says and resolves it once everything is read:
/// relationships into graph edges, file paths and source packages; DESCRIBES into the subject.
/// </summary>
internal sealed class SpdxDocumentBuilder(RawSbom sbom)
{
    public RawSbom Sbom { get; } = sbom;
    public string DocumentId { get; set; } = "SPDXRef-DOCUMENT";
    public string? DocumentName { get; set; }
    public List<string> Describes { get; } = [];
    public Dictionary<string, string> FileNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> HasFiles { get; } = new(StringComparer.Ordinal);
    public List<(string A, string Type, string B, string Path)> Relationships { get; } = [];
    /// <summary>Fields SPDX 2.3 added, seen in this document (checked against the declared version).</summary>
    public HashSet<string> Spdx23Fields { get; } = [];

    public void AddPackage(RawPackage p) => Sbom.Packages.Add(p);

    public void SetSupplierOrOriginator(RawPackage p, string? value, bool isOriginator)
    {
        if (LicenseText.IsNoAssertion(value)) return;
        var text = value!.Trim();
        foreach (var prefix in new[] { "Person:", "Organization:", "Tool:" })
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { text = text[prefix.Length..].Trim(); break; }
        if (isOriginator || p.Author is null) p.Author = text;
    }

    public static void SetSourceInfo(RawPackage p, string? sourceInfo)
    {
        // trivy writes "built package from: <source name> <source version>"; syft's "acquired package info from ..." is not a source package.
        const string built = "built package from:";
        if (sourceInfo is null || !sourceInfo.StartsWith(built, StringComparison.OrdinalIgnoreCase)) return;
        var rest = sourceInfo[built.Length..].Trim();
        var space = rest.IndexOf(' ');
        var name = space > 0 ? rest[..space] : rest;
        if (name.Length > 0) p.SourcePackage ??= name;
    }

    public void Finish()
    {
        CheckVersion();
        var byRef = new Dictionary<string, RawPackage>(StringComparer.Ordinal);
        foreach (var p in Sbom.Packages)
        {
            if (p.Ref is null) continue;
            // A repeated SPDXID is reported once, by the assembler's uniqueness check; the first package keeps the id.
            byRef.TryAdd(p.Ref, p);
            if (p.Kind is "OPERATING-SYSTEM" || p.Ref.Contains("-OperatingSystem-", StringComparison.Ordinal)) p.IsOperatingSystem = true;
        }
        foreach (var (pkg, files) in HasFiles)
            if (byRef.TryGetValue(pkg, out var p))
                foreach (var f in files)
                    if (FileNames.TryGetValue(f, out var name)) p.AddFilePath(name);

        var roots = new List<string>(Describes);
        var unknown = 0;
        string? firstUnknown = null;
        // The document and its files are elements too: relationships may name them without naming a package.
        Sbom.KnowRef(DocumentId);
        foreach (var fileId in FileNames.Keys) Sbom.KnowRef(fileId);
        foreach (var (a, rawType, b, path) in Relationships)
        {
            var type = rawType.ToUpperInvariant();
            if (type == "DESCRIBE")
            {
                Sbom.Warn(path, "relationship type DESCRIBE is not SPDX; read as DESCRIBES");
                type = "DESCRIBES";
            }
            bool Known(string id) => id == DocumentId || byRef.ContainsKey(id) || FileNames.ContainsKey(id)
                || id.StartsWith("DocumentRef-", StringComparison.Ordinal) || id is "NONE" or "NOASSERTION";
            if (!Known(a) || !Known(b)) { unknown++; firstUnknown ??= path; continue; }
            switch (type)
            {
                case "DESCRIBES": if (a == DocumentId) roots.Add(b); break;
                case "DESCRIBED_BY": if (b == DocumentId) roots.Add(a); break;
                case "CONTAINS":
                    if (FileNames.TryGetValue(b, out var file)) { if (byRef.TryGetValue(a, out var owner)) owner.AddFilePath(file); }
                    else Sbom.Edges.Add((a, b));
                    break;
                case "CONTAINED_BY":
                    if (FileNames.TryGetValue(a, out var file2)) { if (byRef.TryGetValue(b, out var owner)) owner.AddFilePath(file2); }
                    else Sbom.Edges.Add((b, a));
                    break;
                case "DEPENDS_ON" or "STATIC_LINK" or "DYNAMIC_LINK" or "HAS_PREREQUISITE":
                    Sbom.Edges.Add((a, b));
                    break;
                case "DEPENDENCY_OF" or "BUILD_DEPENDENCY_OF" or "DEV_DEPENDENCY_OF" or "OPTIONAL_DEPENDENCY_OF" or "PROVIDED_DEPENDENCY_OF"
                    or "TEST_DEPENDENCY_OF" or "RUNTIME_DEPENDENCY_OF" or "PREREQUISITE_FOR" or "OPTIONAL_COMPONENT_OF":
                    Sbom.Edges.Add((b, a));
                    break;
                case "GENERATED_FROM":
                    if (byRef.TryGetValue(a, out var built) && byRef.TryGetValue(b, out var source)) built.SourcePackage ??= source.Name;
                    break;
                case "GENERATES":
                    if (byRef.TryGetValue(b, out var built2) && byRef.TryGetValue(a, out var source2)) built2.SourcePackage ??= source2.Name;
                    break;
                default:
                    if (!SpdxRelationshipTypes.All.Contains(type)) Sbom.Warn(path, $"unknown relationship type '{rawType}'");
                    break;
            }
        }
        if (unknown > 0) Sbom.Warn(firstUnknown!, $"{unknown} relationship(s) name an element the document does not define; ignored");
        foreach (var (from, _) in Sbom.Edges) Sbom.GraphRefs.Add(from);
        ChooseSubject(roots, byRef);
    }

    private void ChooseSubject(List<string> roots, Dictionary<string, RawPackage> byRef)
    {
        var described = roots.Distinct(StringComparer.Ordinal).Where(byRef.ContainsKey).ToList();
        if (described.Count == 1)
        {
            var subject = byRef[described[0]];
            Sbom.Subject = subject;
            Sbom.Packages.Remove(subject);
            return;
        }
        Sbom.Subject = DocumentName is null ? null : new RawPackage { Path = "$", Name = DocumentName };
        Sbom.RootRefs.AddRange(described);
    }

    private void CheckVersion()
    {
        var v = Sbom.SpecVersion;
        if (v == "SPDX-2.2" && Spdx23Fields.Count > 0)
            Sbom.Warn("$.spdxVersion", $"document declares SPDX-2.2 but uses SPDX 2.3 fields ({string.Join(", ", Spdx23Fields.Order())})");
    }

    /// <summary>Null when the version can be read; otherwise why not.</summary>
    public static string? CheckSpecVersion(string? version, RawSbom sbom)
    {
        if (version is null) { sbom.Warn("$.spdxVersion", "spdxVersion is missing; read as SPDX-2.3"); return null; }
        if (version is "SPDX-2.0" or "SPDX-2.1" or "SPDX-2.2" or "SPDX-2.3") return null;
        if (version.StartsWith("SPDX-2.", StringComparison.Ordinal))
        {
            sbom.Warn("$.spdxVersion", $"spdxVersion '{version}' is not a released SPDX 2 version; read as SPDX-2.3");
            return null;
        }
        return version.StartsWith("SPDX-3", StringComparison.Ordinal)
            ? $"spdxVersion '{version}': SPDX 3 documents are JSON-LD (@context/@graph), not this shape"
            : $"unsupported spdxVersion '{version}' (supported: SPDX-2.0 to SPDX-2.3, and SPDX 3 JSON-LD)";
    }
}

internal static class SpdxRelationshipTypes
{
    public static readonly HashSet<string> All =
    [
        "DESCRIBES", "DESCRIBED_BY", "CONTAINS", "CONTAINED_BY", "DEPENDS_ON", "DEPENDENCY_OF", "DEPENDENCY_MANIFEST_OF",
        "BUILD_DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF",
        "RUNTIME_DEPENDENCY_OF", "EXAMPLE_OF", "GENERATES", "GENERATED_FROM", "ANCESTOR_OF", "DESCENDANT_OF", "VARIANT_OF",
        "DISTRIBUTION_ARTIFACT", "PATCH_FOR", "PATCH_APPLIED", "COPY_OF", "FILE_ADDED", "FILE_DELETED", "FILE_MODIFIED",
        "EXPANDED_FROM_ARCHIVE", "DYNAMIC_LINK", "STATIC_LINK", "DATA_FILE_OF", "TEST_CASE_OF", "BUILD_TOOL_OF", "DEV_TOOL_OF",
        "TEST_OF", "TEST_TOOL_OF", "DOCUMENTATION_OF", "OPTIONAL_COMPONENT_OF", "METAFILE_OF", "PACKAGE_OF", "AMENDS",
        "PREREQUISITE_FOR", "HAS_PREREQUISITE", "REQUIREMENT_DESCRIPTION_FOR", "SPECIFICATION_FOR", "OTHER",
    ];
}
