using System.Text.Json;
using Scout.Sbom.Spdx;

namespace Scout.Sbom.Json;

/// <summary>SPDX 2.x JSON sections: packages, files, relationships, documentDescribes.</summary>
internal static class SpdxJsonReader
{
    public static void ReadPackages(JsonSource src, ref Utf8JsonReader r, SpdxDocumentBuilder doc)
    {
        if (r.TokenType != JsonTokenType.StartArray) { doc.Sbom.Warn("$.packages", "packages is not an array; ignored"); src.Skip(ref r); return; }
        var index = 0;
        var malformedIds = 0;
        string? firstMalformed = null;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var path = $"$.packages[{index++}]";
            if (r.TokenType != JsonTokenType.StartObject) { doc.Sbom.Warn(path, "package is not an object; ignored"); src.Skip(ref r); continue; }
            src.CountComponent(ref r, path);
            var p = new RawPackage { Path = path };
            string? declared = null, concluded = null, summary = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("SPDXID"u8)) { src.ReadValue(ref r); p.Ref = src.String(ref r); }
                else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); p.Name = src.String(ref r); }
                else if (r.ValueTextEquals("versionInfo"u8)) { src.ReadValue(ref r); p.Version = NullIfEmpty(src.String(ref r)); }
                else if (r.ValueTextEquals("supplier"u8)) { src.ReadValue(ref r); doc.SetSupplierOrOriginator(p, src.String(ref r), false); }
                else if (r.ValueTextEquals("originator"u8)) { src.ReadValue(ref r); doc.SetSupplierOrOriginator(p, src.String(ref r), true); }
                else if (r.ValueTextEquals("description"u8)) { src.ReadValue(ref r); p.Description = src.String(ref r); }
                else if (r.ValueTextEquals("summary"u8)) { src.ReadValue(ref r); summary = src.String(ref r); }
                else if (r.ValueTextEquals("licenseDeclared"u8)) { src.ReadValue(ref r); declared = src.String(ref r); }
                else if (r.ValueTextEquals("licenseConcluded"u8)) { src.ReadValue(ref r); concluded = src.String(ref r); }
                else if (r.ValueTextEquals("sourceInfo"u8)) { src.ReadValue(ref r); SpdxDocumentBuilder.SetSourceInfo(p, src.String(ref r)); }
                else if (r.ValueTextEquals("primaryPackagePurpose"u8)) { src.ReadValue(ref r); p.Kind = src.String(ref r); doc.Spdx23Fields.Add("primaryPackagePurpose"); }
                else if (r.ValueTextEquals("releaseDate"u8) || r.ValueTextEquals("builtDate"u8) || r.ValueTextEquals("validUntilDate"u8))
                {
                    doc.Spdx23Fields.Add(r.GetString()!);
                    src.ReadValue(ref r);
                    src.Skip(ref r);
                }
                else if (r.ValueTextEquals("externalRefs"u8)) { src.ReadValue(ref r); ReadExternalRefs(src, ref r, doc.Sbom, p); }
                else if (r.ValueTextEquals("hasFiles"u8))
                {
                    src.ReadValue(ref r);
                    var files = ReadStrings(src, ref r);
                    if (p.Ref is not null && files.Count > 0) doc.HasFiles[p.Ref] = files;
                    else if (files.Count > 0) doc.HasFiles[path] = files;
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            p.Description ??= summary;
            var license = LicenseText.IsNoAssertion(declared) ? concluded : declared;
            if (!LicenseText.IsNoAssertion(license)) LicenseFacts.AddExpression(p, doc.Sbom, license!);
            if (doc.HasFiles.Remove(path, out var pending) && p.Ref is not null) doc.HasFiles[p.Ref] = pending;
            if (p.Ref is null) doc.Sbom.Warn(path, "package has no SPDXID");
            else if (!SpdxIds.IsElementId(p.Ref) && malformedIds++ == 0) firstMalformed = $"{path}.SPDXID: '{p.Ref}'";
            if (string.IsNullOrEmpty(p.Name)) doc.Sbom.Warn(path, "package has no name");
            doc.AddPackage(p);
        }
        // Old syft writes purl-like ids ("SPDXRef-Package-go-module-x.io/y"): one warning, not one per package.
        if (malformedIds > 0)
            doc.Sbom.Warn("$.packages", $"{malformedIds} SPDXID(s) are not SPDXRef- followed by letters, digits, '.' and '-' (e.g. {firstMalformed}); read as given");
    }

    private static void ReadExternalRefs(JsonSource src, ref Utf8JsonReader r, RawSbom sbom, RawPackage p)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? type = null, locator = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("referenceType"u8)) { src.ReadValue(ref r); type = src.String(ref r); }
                else if (r.ValueTextEquals("referenceLocator"u8)) { src.ReadValue(ref r); locator = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            SetPurl(sbom, p, type, locator);
        }
    }

    public static void SetPurl(RawSbom sbom, RawPackage p, string? type, string? locator)
    {
        if (!string.Equals(type, "purl", StringComparison.OrdinalIgnoreCase) || locator is null) return;
        if (p.Purl is null) p.Purl = locator;
        else if (p.Purl != locator) sbom.Warn(p.Path, $"package has more than one purl; kept the first ({p.Purl})");
    }

    public static void ReadFiles(JsonSource src, ref Utf8JsonReader r, SpdxDocumentBuilder doc)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? id = null, name = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("SPDXID"u8)) { src.ReadValue(ref r); id = src.String(ref r); }
                else if (r.ValueTextEquals("fileName"u8)) { src.ReadValue(ref r); name = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (id is not null && name is not null) doc.FileNames[id] = name;
        }
    }

    public static void ReadRelationships(JsonSource src, ref Utf8JsonReader r, SpdxDocumentBuilder doc)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return; }
        var index = 0;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var path = $"$.relationships[{index++}]";
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            string? a = null, type = null, b = null;
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("spdxElementId"u8)) { src.ReadValue(ref r); a = src.String(ref r); }
                else if (r.ValueTextEquals("relationshipType"u8)) { src.ReadValue(ref r); type = src.String(ref r); }
                else if (r.ValueTextEquals("relatedSpdxElement"u8)) { src.ReadValue(ref r); b = src.String(ref r); }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            if (a is null || type is null || b is null) { doc.Sbom.Warn(path, "relationship lacks spdxElementId, relationshipType or relatedSpdxElement"); continue; }
            doc.Relationships.Add((a, type, b, path));
        }
    }

    public static List<string> ReadStrings(JsonSource src, ref Utf8JsonReader r)
    {
        var list = new List<string>();
        if (r.TokenType != JsonTokenType.StartArray) { var one = src.String(ref r); if (one is not null) list.Add(one); return list; }
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            var s = src.String(ref r);
            if (s is not null) list.Add(s);
        }
        return list;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) || s == "NOASSERTION" ? null : s;
}
