using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Sbom.Export;

/// <summary>CycloneDX 1.6 JSON (bom-1.6.schema.json): the image as metadata.component, its OS and packages as components.</summary>
internal static class CycloneDxExport
{
    public const string SourcePackageProperty = "scout:sourcePackage";
    public const string SizeProperty = "scout:size";

    public static byte[] Write(SbomExportInput input)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", "urn:uuid:" + SbomExporter.StableId(input).ToString("D"));
            w.WriteNumber("version", 1);
            w.WriteStartObject("metadata");
            w.WriteString("timestamp", SbomExporter.Timestamp(input.AnalyzedAt));
            w.WriteStartObject("tools");
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("type", "application");
            w.WriteString("name", "scout");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("component");
            w.WriteString("type", "container");
            w.WriteString("bom-ref", "image");
            w.WriteString("name", SbomExporter.SubjectName(input.Image));
            w.WriteString("version", input.Image.Digest);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("components");
            if (input.Os is { Id: { Length: > 0 } osId })
            {
                w.WriteStartObject();
                w.WriteString("type", "operating-system");
                w.WriteString("bom-ref", "os");
                w.WriteString("name", osId);
                if (input.Os.Version is { } osVersion) w.WriteString("version", osVersion);
                w.WriteEndObject();
            }
            var index = 0;
            foreach (var p in input.Packages) WriteComponent(w, p, index++);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteComponent(Utf8JsonWriter w, PackageRecord p, int index)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", p.Purl ?? $"package-{index}");
        if (p.Author is not null) w.WriteString("author", p.Author);
        if (p.Namespace is not null) w.WriteString("group", p.Namespace);
        w.WriteString("name", p.Name);
        if (p.Version is not null) w.WriteString("version", p.Version);
        if (p.Description is not null) w.WriteString("description", p.Description);
        WriteLicenses(w, p);
        if (p.Purl is not null) w.WriteString("purl", p.Purl);
        if (p.FilePaths.Count > 0)
        {
            w.WriteStartObject("evidence");
            w.WriteStartArray("occurrences");
            foreach (var path in p.FilePaths)
            {
                w.WriteStartObject();
                w.WriteString("location", path);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (p.SourcePackage is not null || p.Size is not null)
        {
            w.WriteStartArray("properties");
            if (p.SourcePackage is not null) Property(w, SourcePackageProperty, p.SourcePackage);
            if (p.Size is { } size) Property(w, SizeProperty, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    /// <summary>
    /// An expression as one expression entry; ids alone as license ids; an expression the normalizer built from
    /// ids and free-text names as its parts again (ids as ids, names as names), so the reader rebuilds the same record.
    /// </summary>
    private static void WriteLicenses(Utf8JsonWriter w, PackageRecord p)
    {
        if (p.LicenseExpression is null && p.Licenses.Count == 0) return;
        w.WriteStartArray("licenses");
        if (p.LicenseExpression is null)
            foreach (var id in p.Licenses) License(w, "id", id);
        else if (LicenseFacts.IdsOfExpression(p.LicenseExpression) is { } ids && SameSet(ids, p.Licenses))
        {
            w.WriteStartObject();
            w.WriteString("expression", p.LicenseExpression);
            w.WriteEndObject();
        }
        else if (p.Licenses.Count > 0 && SbomExporter.ConjunctionParts(p.LicenseExpression) is { } parts)
            foreach (var part in parts) License(w, p.Licenses.Contains(part) && SpdxLicenseIds.Licenses.Contains(part.TrimEnd('+')) ? "id" : "name", part);
        else License(w, "name", p.LicenseExpression);
        w.WriteEndArray();
    }

    private static void License(Utf8JsonWriter w, string kind, string value)
    {
        w.WriteStartObject();
        w.WriteStartObject("license");
        w.WriteString(kind, value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static bool SameSet(List<string> a, IReadOnlyList<string> b) =>
        a.ToHashSet(StringComparer.Ordinal).SetEquals(b);
}
