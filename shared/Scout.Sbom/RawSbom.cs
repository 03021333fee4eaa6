using System.Runtime.InteropServices;
using Scout.Core.Model;

namespace Scout.Sbom;

/// <summary>One package as a reader found it, before purl canonicalization, merging and graph typing.</summary>
internal sealed class RawPackage
{
    private string? path;
    private readonly string? arrayPath;
    private int arrayIndex;

    public RawPackage() { }

    /// <summary>
    /// The package at <paramref name="index"/> of the array at <paramref name="parentPath"/>; its path is formatted
    /// only when a warning names it (one string per component was a large share of a big SBOM's allocations).
    /// </summary>
    public RawPackage(string parentPath, int index) => (arrayPath, arrayIndex) = (parentPath, index);

    /// <summary>Where the package sits in the document (JSON path, XML path or tag-value line), for warnings.</summary>
    public string Path
    {
        get => path ??= $"{arrayPath}[{arrayIndex}]";
        init => path = value;
    }
    /// <summary>Whether <see cref="Path"/> was formatted or given (then <see cref="MoveBy"/> cannot change it).</summary>
    public bool HasPath => path is not null;

    /// <summary>Moves an array element whose path was not formatted yet <paramref name="count"/> places on (a split read
    /// numbers its part from 0, ComponentSplit.cs).</summary>
    public void MoveBy(int count)
    {
        if (path is not null) throw new InvalidOperationException("the path was formatted already");
        arrayIndex += count;
    }

    /// <summary>bom-ref / SPDXID / syft id: the key the dependency graph uses.</summary>
    public string? Ref { get; set; }
    public string? Purl { get; set; }
    public string? Name { get; set; }
    public string? Group { get; set; }
    public string? Version { get; set; }
    /// <summary>The document's own kind (CycloneDX component type, SPDX purpose, syft type), used to find OS components.</summary>
    public string? Kind { get; set; }
    public List<string>? LicenseIds { get; set; }
    public List<string>? LicenseNames { get; set; }
    public string? LicenseExpression { get; set; }
    public string? Author { get; set; }
    public string? Description { get; set; }
    public long? Size { get; set; }
    /// <summary>syft's installedSize: bytes for apk, KiB for dpkg; turned into bytes once the purl type is known.</summary>
    public long? InstalledSize { get; set; }
    public List<string>? FilePaths { get; set; }
    public string? SourcePackage { get; set; }
    /// <summary>trivy's SrcEpoch / SrcVersion / SrcRelease: the source package's version, in parts.</summary>
    public string? SourceEpoch { get; set; }
    public string? SourceVersion { get; set; }
    public string? SourceRelease { get; set; }
    public bool IsOperatingSystem { get; set; }
    /// <summary>syft:distro:id style facts when this is the OS component.</summary>
    public string? OsId { get; set; }
    public string? OsVersion { get; set; }
    /// <summary>The image layer the document places the package in (manifest digest when known).</summary>
    public string? Layer { get; set; }
    /// <summary>trivy's uncompressed layer id: the layer when no digest is given.</summary>
    public string? LayerDiffId { get; set; }

    // Capacity 1: most packages have one of each, and a big SBOM holds these lists for every package.
    public void AddFilePath(string path) => (FilePaths ??= new(1)).Add(path);
    public void AddLicenseId(string id) => (LicenseIds ??= new(1)).Add(id);
    public void AddLicenseName(string name) => (LicenseNames ??= new(1)).Add(name);
}

/// <summary>What a reader extracted from a document: packages, graph edges, the subject and facts about the OS.</summary>
internal sealed class RawSbom
{
    public string Format { get; set; } = "unknown";
    public string? SpecVersion { get; set; }
    public RawPackage? Subject { get; set; }
    /// <summary>Refs the document says it describes; when there is no single subject they are the graph's roots.</summary>
    public List<string> RootRefs { get; } = [];
    public List<RawPackage> Packages { get; } = [];
    /// <summary>From depends on / contains To.</summary>
    public List<(string From, string To)> Edges { get; } = [];
    /// <summary>Parent component -> nested component (CycloneDX nesting): a weaker, structural kind of edge.</summary>
    public List<(string From, string To)> NestingEdges { get; } = [];
    /// <summary>Refs the dependency graph has an entry for (even with no dependencies): their graph is known.</summary>
    public HashSet<string> GraphRefs { get; } = new(StringComparer.Ordinal);
    public OsRelease? Os { get; set; }
    public List<SbomWarning> Warnings { get; } = [];

    public void Warn(string path, string message) => Warnings.Add(new SbomWarning(path, message));

    /// <summary>bom-ref -> where it was declared: a path, or the RawPackage whose bom-ref it is (its path formatted on demand).</summary>
    private Dictionary<string, object>? declaredRefs;

    /// <summary>Whether a ref names an element the document declares (a service, a citation, the SPDX document itself).</summary>
    public bool IsDeclared(string bomRef) => declaredRefs?.ContainsKey(bomRef) == true;

    /// <summary>CycloneDX licenses that mix expressions with licenses: allowed from 1.7 (declared vs concluded), invalid before.</summary>
    public List<string> MixedLicenseChoices { get; } = [];

    /// <summary>Records an element id that is not a package (an SPDX document or file), without a uniqueness check.</summary>
    public void KnowRef(string id) => (declaredRefs ??= new(StringComparer.Ordinal)).TryAdd(id, "");

    /// <summary>CycloneDX bom-refs must be unique across components, services and every other referable element.</summary>
    public void DeclareRef(string? bomRef, string path)
    {
        if (string.IsNullOrEmpty(bomRef)) return;
        if (FirstDeclaration(bomRef, path) is { } first) Warn(path, $"bom-ref '{bomRef}' is not unique (also at {DeclaredAt(first)})");
    }

    /// <summary><see cref="DeclareRef(string?, string)"/> for a component's own bom-ref, without formatting its path unless it repeats.</summary>
    public void DeclareRef(RawPackage owner)
    {
        if (string.IsNullOrEmpty(owner.Ref)) return;
        if (FirstDeclaration(owner.Ref, owner) is { } first) Warn(owner.Path + ".bom-ref", $"bom-ref '{owner.Ref}' is not unique (also at {DeclaredAt(first)})");
    }

    /// <summary>Where <paramref name="bomRef"/> was declared before, or null when this is its first declaration (then
    /// recorded as <paramref name="where"/>). One lookup, not a look and an insert: every component of a big SBOM comes
    /// through here.</summary>
    private object? FirstDeclaration(string bomRef, object where)
    {
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(declaredRefs ??= new(StringComparer.Ordinal), bomRef, out var exists);
        if (exists) return first;
        first = where;
        return null;
    }

    /// <summary>The declared bom-ref equal to <paramref name="text"/> as its own instance (graph refs repeat every component's ref).</summary>
    public string? DeclaredRef(ReadOnlySpan<char> text) =>
        declaredRefs is not null && declaredRefs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var key, out _) ? key : null;

    private static string DeclaredAt(object where) => where is RawPackage p ? p.Path + ".bom-ref" : (string)where;
}

/// <summary>"{owner's path}{member}[{index}]", formatted only when a warning names it.</summary>
internal readonly record struct ElementPath(RawPackage? Owner, string Member, int Index)
{
    public override string ToString() => $"{Owner?.Path}{Member}[{Index}]";
}
