using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>CycloneDX JSON sections (metadata, components, dependencies), read token by token into the raw model.</summary>
/// <remarks>The per-component methods are compiled optimized at their first call, as JsonSource's per-token ones are (why: JsonSource.Read).</remarks>
internal static class CycloneDxJsonReader
{
    // Built once: a span of values would be turned into a search table again on every hash.
    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    public static void ReadMetadata(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn("$.metadata", "metadata is not an object; ignored"); src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("component"u8))
            {
                src.ReadValue(ref r);
                var children = new List<RawPackage>();
                var subject = ReadComponent(src, ref r, sbom, new RawPackage { Path = "$.metadata.component" }, children, countIt: false);
                if (subject is null) continue;
                sbom.Subject = subject;
                foreach (var child in children) AddNestingEdge(sbom, subject, child);
            }
            else if (r.ValueTextEquals("timestamp"u8))
            {
                src.ReadValue(ref r);
                var ts = src.String(ref r);
                if (ts is null || !CycloneDxRules.IsTimestamp(ts)) sbom.Warn("$.metadata.timestamp", $"timestamp '{ts}' is not an RFC 3339 date-time");
            }
            else if (r.ValueTextEquals("licenses"u8))
            {
                src.ReadValue(ref r);
                var holder = new RawPackage { Path = "$.metadata" };
                ReadLicenses(src, ref r, sbom, holder);
            }
            else if (r.ValueTextEquals("distributionConstraints"u8))
            {
                src.ReadValue(ref r);
                CycloneDxJsonChecks.DistributionConstraints(src.Element(ref r), "$.metadata.distributionConstraints", sbom);
            }
            else
            {
                var name = r.GetString()!;
                if (!CycloneDxRules.MetadataFields.Contains(name)) sbom.Warn("$.metadata." + name, CycloneDxRules.UnknownMetadataField(name));
                src.ReadValue(ref r);
                src.Skip(ref r);
            }
        }
    }

    /// <summary>Reads a components array; every component (and nested one) is appended to the SBOM's packages.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadComponentArray(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, string path, List<RawPackage>? topLevel)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn(path, "components is not an array; ignored"); src.Skip(ref r); return; }
        // Top-level components of a big document: a second thread reads the latter part (ComponentSplit.cs).
        var boundary = topLevel is null && ComponentSplit.TryStart(src, ref r, path) ? new ComponentBoundary(sbom) : null;
        var index = 0;
        while (true)
        {
            if (boundary is not null) (src.Boundary, boundary.Index) = (boundary, index);
            var more = src.Read(ref r);
            src.Boundary = null;
            if (!more || r.TokenType == JsonTokenType.EndArray) break;
            var p = ReadComponent(src, ref r, sbom, new RawPackage(path, index++), null, countIt: true);
            if (p is not null) topLevel?.Add(p);
        }
    }

    /// <summary>Reads one component into <paramref name="p"/>; its path is formatted only when a warning names it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RawPackage? ReadComponent(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p, List<RawPackage>? childrenOut, bool countIt)
    {
        if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(p.Path, "component is not an object; ignored"); src.Skip(ref r); return null; }
        // Nesting is bounded by the depth limit; a caller's very large limit must still not overflow the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (countIt) src.CountComponent(ref r, p);
        if (countIt) sbom.Packages.Add(p);
        var children = childrenOut;
        var sawType = false;
        bool isExternal = false, hasVersionRange = false;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            var field = ComponentFields.Of(ref r);
            src.ReadValue(ref r);
            switch (field)
            {
                case ComponentField.BomRef:
                    p.Ref = src.String(ref r);
                    if (string.IsNullOrEmpty(p.Ref)) { sbom.Warn(p.Path, "bom-ref is empty"); p.Ref = null; }
                    sbom.DeclareRef(p);
                    break;
                case ComponentField.IsExternal: isExternal = r.TokenType == JsonTokenType.True; break;
                case ComponentField.VersionRange: hasVersionRange = true; src.Skip(ref r); break;
                case ComponentField.Type:
                    p.Kind = src.Known(ref r, KnownValues.ComponentTypes) ?? src.String(ref r);
                    sawType = true;
                    if (p.Kind is null || !CycloneDxRules.ComponentTypes.Contains(p.Kind)) sbom.Warn(p.Path + ".type", $"unknown component type '{p.Kind}'");
                    break;
                case ComponentField.Name: p.Name = src.String(ref r); break;
                case ComponentField.Group: p.Group = src.Repeated(ref r); break;
                case ComponentField.Version: p.Version = src.String(ref r); break;
                case ComponentField.Purl: p.Purl = src.String(ref r); break;
                case ComponentField.Description: p.Description = src.String(ref r); break;
                case ComponentField.Author: p.Author = src.String(ref r) ?? p.Author; break;
                case ComponentField.Publisher: var publisher = src.String(ref r); p.Author ??= publisher; break;
                case ComponentField.Authors: if (ReadNames(src, ref r) is { } names) p.Author = names; break;
                case ComponentField.Scope:
                    var scope = src.Known(ref r, KnownValues.Scopes) ?? src.String(ref r);
                    if (scope is null || !CycloneDxRules.Scopes.Contains(scope)) sbom.Warn(p.Path + ".scope", $"unknown scope '{scope}'");
                    break;
                case ComponentField.Licenses: ReadLicenses(src, ref r, sbom, p); break;
                case ComponentField.Hashes: ReadHashes(src, ref r, sbom, p); break;
                case ComponentField.Properties: ReadProperties(src, ref r, sbom, p); break;
                case ComponentField.Swid: CycloneDxJsonChecks.Swid(src.Element(ref r), p.Path + ".swid", sbom); break;
                case ComponentField.Pedigree: CycloneDxJsonChecks.Pedigree(src.Element(ref r), p.Path + ".pedigree", sbom); break;
                case ComponentField.Evidence: ReadEvidence(src, ref r, p); break;
                case ComponentField.Components: ReadComponentArray(src, ref r, sbom, p.Path + ".components", children ??= []); break;
                default: src.Skip(ref r); break;
            }
        }
        if (!sawType) sbom.Warn(p.Path, "component has no type");
        if (hasVersionRange && !isExternal) sbom.Warn(p.Path + ".versionRange", "versionRange is only allowed on external components (isExternal: true)");
        if (hasVersionRange && p.Version is not null) sbom.Warn(p.Path + ".versionRange", "component has both version and versionRange");
        if (string.IsNullOrEmpty(p.Name)) sbom.Warn(p.Path, "component has no name");
        if (childrenOut is null && children is not null)
            foreach (var child in children) AddNestingEdge(sbom, p, child);
        return p;
    }

    private static void AddNestingEdge(RawSbom sbom, RawPackage parent, RawPackage child)
    {
        if (parent.Ref is not null && child.Ref is not null) sbom.NestingEdges.Add((parent.Ref, child.Ref));
    }

    private static string? ReadNames(JsonSource src, ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return null; }
        List<string>? names = null;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                var isName = r.ValueTextEquals("name"u8);
                src.ReadValue(ref r);
                var value = src.String(ref r);
                if (isName && value is not null) (names ??= []).Add(value);
            }
        }
        return names is null ? null : string.Join(", ", names);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadLicenses(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn(p.Path, "licenses is not an array; ignored"); src.Skip(ref r); return; }
        int expressions = 0, licenses = 0, index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var entry = new ElementPath(p, ".licenses", index++);
            if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(entry.ToString(), "license choice is not an object"); src.Skip(ref r); continue; }
            var (expressionsBefore, licensesBefore) = (expressions, licenses);
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("expression"u8))
                {
                    src.ReadValue(ref r);
                    expressions++;
                    var expression = src.String(ref r);
                    if (expression is not null) LicenseFacts.AddExpression(p, sbom, expression);
                }
                else if (r.ValueTextEquals("license"u8))
                {
                    src.ReadValue(ref r);
                    licenses++;
                    ReadLicense(src, ref r, sbom, p, entry);
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (expressions - expressionsBefore + licenses - licensesBefore > 1)
                sbom.Warn(entry.ToString(), "license choice has both an expression and a license (each entry holds one)");
        }
        if (expressions > 0 && licenses > 0 || expressions > 1)
            sbom.MixedLicenseChoices.Add(p.Path + ".licenses");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadLicense(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p, ElementPath entry)
    {
        if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(entry + ".license", "license is not an object"); src.Skip(ref r); return; }
        string? id = null, name = null;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { src.ReadValue(ref r); id = src.Known(ref r, KnownValues.LicenseIds) ?? src.String(ref r); }
            else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); name = src.Repeated(ref r); }
            else if (r.ValueTextEquals("text"u8)) { src.ReadValue(ref r); CheckTextEncoding(src, ref r, sbom, entry + ".license.text.encoding"); }
            else { src.ReadValue(ref r); src.Skip(ref r); }
        }
        LicenseFacts.AddLicense(p, sbom, id, name, entry);
    }

    private static void CheckTextEncoding(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, string path)
    {
        if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            var isEncoding = r.ValueTextEquals("encoding"u8);
            src.ReadValue(ref r);
            var value = src.String(ref r);
            if (isEncoding && value is not null && value != "base64") sbom.Warn(path, $"license text encoding '{value}' is not base64");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadHashes(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        var index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var hash = new ElementPath(p, ".hashes", index++);
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? alg = null;
            var contentLength = -1;
            var contentIsHex = false;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("alg"u8)) { src.ReadValue(ref r); alg = src.Known(ref r, KnownValues.HashAlgorithms) ?? src.String(ref r); }
                else if (r.ValueTextEquals("content"u8))
                {
                    src.ReadValue(ref r);
                    // Checked on the raw bytes: a hash is never escaped, and materializing thousands of them costs.
                    if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped)
                    {
                        contentLength = r.ValueSpan.Length;
                        contentIsHex = !r.ValueSpan.ContainsAnyExcept(HexDigits) && contentLength > 0;
                    }
                    else src.Skip(ref r);
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            var problem = CycloneDxRules.CheckHash(alg, contentLength, contentIsHex);
            if (problem is not null) sbom.Warn(hash.ToString(), problem);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadProperties(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn(p.Path + ".properties", "properties is not an array; ignored"); src.Skip(ref r); return; }
        var index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var property = new ElementPath(p, ".properties", index++);
            if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(property.ToString(), "property is not an object"); src.Skip(ref r); continue; }
            string? name = null, value = null;
            bool sawName = false, useful = true;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("name"u8))
                {
                    src.ReadValue(ref r);
                    sawName = r.TokenType == JsonTokenType.String;
                    // Most properties (cpes, foundBy, layer ids) say nothing we keep: skip them without allocating.
                    useful = sawName && ComponentProperties.IsUseful(r.ValueSpan, r.ValueIsEscaped);
                    name = useful ? src.Repeated(ref r) : null;
                    if (!sawName) src.Skip(ref r);
                }
                else if (r.ValueTextEquals("value"u8))
                {
                    src.ReadValue(ref r);
                    if (useful) value = name is not null && ComponentProperties.Repeats(name) ? src.Repeated(ref r) : src.String(ref r);
                    else src.Skip(ref r);
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (!sawName) sbom.Warn(property + ".name", "property has no name");
            if (useful) ComponentProperties.Apply(p, name, value);
        }
    }

    private static void ReadEvidence(JsonSource src, ref Utf8JsonReader r, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (!r.ValueTextEquals("occurrences"u8)) { src.ReadValue(ref r); src.Skip(ref r); continue; }
            src.ReadValue(ref r);
            if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); continue; }
            while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
                while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
                {
                    var isLocation = r.ValueTextEquals("location"u8);
                    src.ReadValue(ref r);
                    var value = src.String(ref r);
                    if (isLocation && value is not null) p.AddFilePath(value);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadDependencies(JsonSource src, ref Utf8JsonReader r, RawSbom sbom)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn("$.dependencies", "dependencies is not an array; ignored"); src.Skip(ref r); return; }
        var index = 0;
        var to = new List<string>(); // one list for every entry's targets, not one per entry
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var path = new ElementPath(null, "$.dependencies", index++);
            if (r.TokenType != JsonTokenType.StartObject) { sbom.Warn(path.ToString(), "dependency is not an object; ignored"); src.Skip(ref r); continue; }
            string? from = null;
            to.Clear();
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("ref"u8)) { src.ReadValue(ref r); from = src.Ref(ref r, sbom); }
                else if (r.ValueTextEquals("dependsOn"u8))
                {
                    src.ReadValue(ref r);
                    if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn(path.ToString(), "dependsOn is not an array"); src.Skip(ref r); continue; }
                    while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType == JsonTokenType.String) to.Add(src.Ref(ref r, sbom)!);
                        else { sbom.Warn(path.ToString(), "dependsOn entry is not a ref string"); src.Skip(ref r); }
                    }
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (from is null) { sbom.Warn(path.ToString(), "dependency has no ref"); continue; }
            sbom.GraphRefs.Add(from);
            foreach (var t in to) sbom.Edges.Add((from, t));
        }
    }
}
