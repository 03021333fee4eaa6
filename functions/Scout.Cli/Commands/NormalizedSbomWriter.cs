using System.Text.Encodings.Web;
using System.Text.Json;
using Scout.Core.Model;

namespace Scout.Cli.Commands;

/// <summary>
/// `sbom normalize`'s JSON, written field by field: byte for byte what JsonSerializer writes for <see cref="NormalizedSbom"/>
/// with <see cref="Options"/> (camelCase, nulls omitted except a package's layer and origin, indented, relaxed escaping).
/// A one-shot process spent about a third of its time setting up the serializer for a big SBOM's output.
/// VersionsAndSbomCommandTests checks the two agree on every test SBOM: a new model field must be added here too.
/// </summary>
public static class NormalizedSbomWriter
{
    /// <summary>The serializer's equivalent: the reference the writer is checked against. Purls are full of '&amp;' and '&lt;'
    /// in author emails: printed as written rather than \u0026 (stdout is not HTML).</summary>
    public static JsonSerializerOptions Options => SerializerReference.Options;

    // Apart, so that writing does not set up the serializer's options (and the shared ones they copy) it never uses.
    private static class SerializerReference
    {
        public static readonly JsonSerializerOptions Options = new(Core.Serialization.ScoutJson.Indented) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, SkipValidation = true };

    public static void Write(Utf8JsonWriter w, NormalizedSbom sbom)
    {
        w.WriteStartObject();
        w.WriteString("format"u8, sbom.Format);
        Optional(w, "specVersion"u8, sbom.SpecVersion);
        if (sbom.Subject is { } subject)
        {
            w.WriteStartObject("subject"u8);
            Optional(w, "name"u8, subject.Name);
            Optional(w, "version"u8, subject.Version);
            Optional(w, "purl"u8, subject.Purl);
            Optional(w, "type"u8, subject.Type);
            w.WriteEndObject();
        }
        if (sbom.Os is { } os)
        {
            w.WriteStartObject("os"u8);
            Optional(w, "id"u8, os.Id);
            Optional(w, "version"u8, os.Version);
            w.WriteEndObject();
        }
        w.WriteNumber("totalPackages"u8, sbom.TotalPackages);
        w.WriteStartArray("packages"u8);
        foreach (var p in sbom.Packages)
        {
            Package(w, p);
            // A writer over a stream holds everything until flushed: hand it on as it fills.
            if (w.BytesPending > 1 << 16) w.Flush();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings"u8);
        foreach (var warning in sbom.Warnings)
        {
            w.WriteStartObject();
            Optional(w, "path"u8, warning.Path);
            Optional(w, "message"u8, warning.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Package(Utf8JsonWriter w, PackageRecord p)
    {
        w.WriteStartObject();
        Optional(w, "purl"u8, p.Purl);
        Optional(w, "type"u8, p.Type);
        Optional(w, "namespace"u8, p.Namespace);
        w.WriteString("name"u8, p.Name);
        Optional(w, "version"u8, p.Version);
        Strings(w, "licenses"u8, p.Licenses);
        Optional(w, "licenseExpression"u8, p.LicenseExpression);
        Optional(w, "author"u8, p.Author);
        Optional(w, "description"u8, p.Description);
        if (p.Size is { } size) w.WriteNumber("size"u8, size);
        Strings(w, "filePaths"u8, p.FilePaths);
        w.WriteString("dependencyType"u8, p.DependencyType switch
        {
            DependencyType.Direct => "direct",
            DependencyType.Transitive => "transitive",
            _ => "unknown",
        });
        Optional(w, "sourcePackage"u8, p.SourcePackage);
        Optional(w, "sourceVersion"u8, p.SourceVersion);
        w.WriteString("layer"u8, p.Layer);
        w.WriteString("origin"u8, p.Origin);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) w.WriteStringValue(values[i]); // no boxed enumerator per list
        w.WriteEndArray();
    }
}
