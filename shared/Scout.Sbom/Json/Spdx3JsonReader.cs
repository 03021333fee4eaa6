using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>
/// SPDX 3.0 JSON-LD (the compacted form with a flat @graph): packages, files, relationships and license
/// expressions are separate elements, linked by spdxId; they are resolved once the whole graph is read.
/// </summary>
internal sealed class Spdx3Graph(RawSbom sbom)
{
    private sealed class Element
    {
        public string? Type, Id, Name, Version, Purl, Description, Summary, Expression, RelationshipType, From, SuppliedBy, Purpose;
        public List<string>? To, OriginatedBy, RootElements;
        public string Path = "$";
    }

    private readonly List<Element> elements = [];

    private static readonly HashSet<string> packageTypes = ["software_Package", "ai_AIPackage", "dataset_DatasetPackage", "Package"];

    public void ReadGraph(JsonSource src, ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) { sbom.Warn("$.@graph", "@graph is not an array; ignored"); src.Skip(ref r); return; }
        var index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var e = new Element { Path = $"$.@graph[{index++}]" };
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8) || r.ValueTextEquals("@type"u8)) { src.ReadValue(ref r); e.Type = src.String(ref r); }
                else if (r.ValueTextEquals("spdxId"u8) || r.ValueTextEquals("@id"u8)) { src.ReadValue(ref r); e.Id = src.String(ref r); }
                else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); e.Name = src.String(ref r); }
                else if (r.ValueTextEquals("software_packageVersion"u8)) { src.ReadValue(ref r); e.Version = src.String(ref r); }
                else if (r.ValueTextEquals("software_packageUrl"u8)) { src.ReadValue(ref r); e.Purl = src.String(ref r); }
                else if (r.ValueTextEquals("description"u8)) { src.ReadValue(ref r); e.Description = src.String(ref r); }
                else if (r.ValueTextEquals("summary"u8)) { src.ReadValue(ref r); e.Summary = src.String(ref r); }
                else if (r.ValueTextEquals("software_primaryPurpose"u8)) { src.ReadValue(ref r); e.Purpose = src.String(ref r); }
                else if (r.ValueTextEquals("simplelicensing_licenseExpression"u8)) { src.ReadValue(ref r); e.Expression = src.String(ref r); }
                else if (r.ValueTextEquals("relationshipType"u8)) { src.ReadValue(ref r); e.RelationshipType = src.String(ref r); }
                else if (r.ValueTextEquals("from"u8)) { src.ReadValue(ref r); e.From = src.String(ref r); }
                else if (r.ValueTextEquals("to"u8)) { src.ReadValue(ref r); e.To = SpdxJsonReader.ReadStrings(src, ref r); }
                else if (r.ValueTextEquals("originatedBy"u8)) { src.ReadValue(ref r); e.OriginatedBy = SpdxJsonReader.ReadStrings(src, ref r); }
                else if (r.ValueTextEquals("suppliedBy"u8)) { src.ReadValue(ref r); e.SuppliedBy = src.String(ref r); }
                else if (r.ValueTextEquals("rootElement"u8)) { src.ReadValue(ref r); e.RootElements = SpdxJsonReader.ReadStrings(src, ref r); }
                else if (r.ValueTextEquals("specVersion"u8)) { src.ReadValue(ref r); sbom.SpecVersion ??= src.String(ref r); }
                else if (r.ValueTextEquals("externalIdentifier"u8)) { src.ReadValue(ref r); e.Purl ??= ReadPurlIdentifier(src, ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (e.Type is not null && packageTypes.Contains(e.Type)) src.CountComponent(ref r, e.Path);
            elements.Add(e);
        }
    }

    private static string? ReadPurlIdentifier(JsonSource src, ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return null; }
        string? purl = null;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? kind = null, identifier = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("externalIdentifierType"u8)) { src.ReadValue(ref r); kind = src.String(ref r); }
                else if (r.ValueTextEquals("identifier"u8)) { src.ReadValue(ref r); identifier = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (kind == "packageUrl") purl ??= identifier;
        }
        return purl;
    }

    public void Finish()
    {
        var byId = new Dictionary<string, Element>(StringComparer.Ordinal);
        foreach (var e in elements) if (e.Id is not null) byId.TryAdd(e.Id, e);
        var packages = new Dictionary<string, RawPackage>(StringComparer.Ordinal);
        foreach (var e in elements)
        {
            if (e.Type is null || !packageTypes.Contains(e.Type)) continue;
            var p = new RawPackage
            {
                Path = e.Path, Ref = e.Id, Name = e.Name, Version = e.Version, Purl = e.Purl, Kind = e.Purpose,
                Description = e.Description ?? e.Summary,
                Author = NameOf(byId, e.OriginatedBy?.FirstOrDefault()) ?? NameOf(byId, e.SuppliedBy),
            };
            if (e.Purpose is "operatingSystem") p.IsOperatingSystem = true;
            sbom.Packages.Add(p);
            if (e.Id is not null) packages.TryAdd(e.Id, p);
        }
        var roots = new List<string>();
        foreach (var e in elements)
        {
            if (e.RootElements is not null && e.Type is "software_Sbom" or "SpdxDocument" or "Bom") roots.AddRange(e.RootElements);
            if (e.RelationshipType is null || e.From is null || e.To is null) continue;
            foreach (var to in e.To) Apply(byId, packages, roots, e.RelationshipType, e.From, to);
        }
        foreach (var (from, _) in sbom.Edges) sbom.GraphRefs.Add(from);
        var described = roots.Distinct(StringComparer.Ordinal).Where(packages.ContainsKey).ToList();
        if (described.Count == 1)
        {
            sbom.Subject = packages[described[0]];
            sbom.Packages.Remove(sbom.Subject);
        }
        else sbom.RootRefs.AddRange(described);
    }

    private void Apply(Dictionary<string, Element> byId, Dictionary<string, RawPackage> packages, List<string> roots, string type, string from, string to)
    {
        packages.TryGetValue(from, out var a);
        packages.TryGetValue(to, out var b);
        switch (type)
        {
            case "describes": roots.Add(to); break;
            case "contains" or "dependsOn" or "hasDynamicLink" or "hasStaticLink" or "hasOptionalDependency" or "hasProvidedDependency" or "hasPrerequisite":
                if (a is not null && b is not null) sbom.Edges.Add((from, to));
                else if (a is not null && byId.TryGetValue(to, out var file) && file.Type == "software_File" && file.Name is not null) a.AddFilePath(file.Name);
                break;
            case "hasDeclaredLicense" or "hasConcludedLicense":
                if (a is not null && a.LicenseExpression is null && a.LicenseIds is null
                    && byId.TryGetValue(to, out var license) && (license.Expression ?? license.Name) is { } text)
                {
                    if (license.Expression is not null) LicenseFacts.AddExpression(a, sbom, text);
                    else a.AddLicenseName(text);
                }
                break;
            case "generates":
                if (b is not null && a is not null) b.SourcePackage ??= a.Name;
                break;
        }
    }

    private static string? NameOf(Dictionary<string, Element> byId, string? id) =>
        id is not null && byId.TryGetValue(id, out var agent) ? agent.Name : null;
}
