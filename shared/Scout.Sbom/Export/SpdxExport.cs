using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Sbom.Export;

/// <summary>
/// SPDX 2.3 JSON (spdx-schema-v2.3.json): the document DESCRIBES the image package; every stored package follows with
/// its purl as a PACKAGE-MANAGER external reference. License names that are not SPDX ids become LicenseRef- ids with
/// the name kept in hasExtractedLicensingInfos, as the SPDX spec asks.
/// </summary>
internal static class SpdxExport
{
    public static byte[] Write(SbomExportInput input)
    {
        var extracted = new Dictionary<string, string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("spdxVersion", "SPDX-2.3");
            w.WriteString("dataLicense", "CC0-1.0");
            w.WriteString("SPDXID", "SPDXRef-DOCUMENT");
            w.WriteString("name", SbomExporter.SubjectName(input.Image));
            w.WriteString("documentNamespace", $"https://scout.invalid/spdx/{SbomExporter.StableId(input):D}");
            w.WriteStartObject("creationInfo");
            w.WriteString("created", SbomExporter.Timestamp(input.AnalyzedAt));
            w.WriteStartArray("creators");
            w.WriteStringValue("Tool: scout");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("documentDescribes");
            w.WriteStringValue("SPDXRef-Image");
            w.WriteEndArray();

            w.WriteStartArray("packages");
            w.WriteStartObject();
            w.WriteString("SPDXID", "SPDXRef-Image");
            w.WriteString("name", SbomExporter.SubjectName(input.Image));
            w.WriteString("versionInfo", input.Image.Digest);
            w.WriteString("downloadLocation", "NOASSERTION");
            w.WriteBoolean("filesAnalyzed", false);
            w.WriteString("primaryPackagePurpose", "CONTAINER");
            w.WriteEndObject();
            if (input.Os is { Id: { Length: > 0 } osId })
            {
                w.WriteStartObject();
                // The reader knows an OS package by this SPDXID shape (trivy's), whatever the purpose's spelling.
                w.WriteString("SPDXID", "SPDXRef-OperatingSystem-0");
                w.WriteString("name", osId);
                if (input.Os.Version is { } osVersion) w.WriteString("versionInfo", osVersion);
                w.WriteString("downloadLocation", "NOASSERTION");
                w.WriteBoolean("filesAnalyzed", false);
                w.WriteString("primaryPackagePurpose", "OPERATING_SYSTEM");
                w.WriteEndObject();
            }
            var index = 0;
            foreach (var p in input.Packages) WritePackage(w, p, index++, extracted);
            w.WriteEndArray();

            if (extracted.Count > 0)
            {
                w.WriteStartArray("hasExtractedLicensingInfos");
                foreach (var (id, name) in extracted)
                {
                    w.WriteStartObject();
                    w.WriteString("licenseId", id);
                    w.WriteString("name", name);
                    w.WriteString("extractedText", name);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }

            w.WriteStartArray("relationships");
            w.WriteStartObject();
            w.WriteString("spdxElementId", "SPDXRef-DOCUMENT");
            w.WriteString("relationshipType", "DESCRIBES");
            w.WriteString("relatedSpdxElement", "SPDXRef-Image");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WritePackage(Utf8JsonWriter w, PackageRecord p, int index, Dictionary<string, string> extracted)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", $"SPDXRef-Package-{index}");
        w.WriteString("name", p.Name);
        if (p.Version is not null) w.WriteString("versionInfo", p.Version);
        if (p.Author is not null) w.WriteString("originator", "Person: " + p.Author);
        w.WriteString("downloadLocation", "NOASSERTION");
        w.WriteBoolean("filesAnalyzed", false);
        if (p.SourcePackage is not null) w.WriteString("sourceInfo", "built package from: " + p.SourcePackage);
        w.WriteString("licenseConcluded", "NOASSERTION");
        w.WriteString("licenseDeclared", Declared(p, extracted));
        w.WriteString("copyrightText", "NOASSERTION");
        if (p.Description is not null) w.WriteString("description", p.Description);
        if (p.Purl is not null)
        {
            w.WriteStartArray("externalRefs");
            w.WriteStartObject();
            w.WriteString("referenceCategory", "PACKAGE-MANAGER");
            w.WriteString("referenceType", "purl");
            w.WriteString("referenceLocator", p.Purl);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static string Declared(PackageRecord p, Dictionary<string, string> extracted)
    {
        if (p.LicenseExpression is null)
            return p.Licenses.Count == 0 ? "NOASSERTION" : string.Join(" AND ", p.Licenses.Select(id => IdOrRef(id, p, extracted)));
        // As given when it is an expression of exactly the stored ids; a name that merely looks like one ("BSD-like") is a name.
        var expression = p.LicenseExpression.Trim();
        if (LicenseFacts.IdsOfExpression(expression) is { } ids && ids.ToHashSet(StringComparer.Ordinal).SetEquals(p.Licenses))
            return LicenseText.IdsOf(expression) is not null ? expression
                // trivy's "MPL-2.0, GPL-2.0" lists licenses found together; SPDX has no comma operator: a conjunction.
                : string.Join(" AND ", expression.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(part => part.Contains(' ') ? $"({part})" : part));
        // Not an SPDX expression: each part of a conjunction that is not an id is a license name, written as a LicenseRef.
        var parts = SbomExporter.ConjunctionParts(p.LicenseExpression) ?? [p.LicenseExpression];
        return string.Join(" AND ", parts.Select(part => IdOrRef(part, p, extracted)));
    }

    private static string IdOrRef(string part, PackageRecord p, Dictionary<string, string> extracted)
    {
        if (p.Licenses.Contains(part) && LicenseText.IsIdToken(part)) return part;
        var id = "LicenseRef-" + Idstring(part);
        // Two names can share an idstring ("A B", "A-B"): the later one gets a number.
        for (var n = 2; extracted.TryGetValue(id, out var existing) && existing != part; n++) id = $"LicenseRef-{Idstring(part)}-{n}";
        extracted[id] = part;
        return id;
    }

    /// <summary>letters, digits, '.' and '-' only (SPDX idstring); anything else becomes '-'.</summary>
    private static string Idstring(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        return sb.ToString();
    }
}
