using System.Text.Encodings.Web;
using System.Text.Json;
using Scout.Core.Model;

namespace Scout.Cli.Commands;

/// <summary>
/// `sbom normalize`'s JSON, written field by field: byte for byte what JsonSerializer writes for <see cref="NormalizedSbom"/>
/// with <see cref="Options"/> (camelCase, nulls omitted except a package's layer and origin, indented, relaxed escaping).
/// A one-shot process spent about a third of its time setting up the serializer for a big SBOM's output; a Utf8JsonWriter
/// then still took about 140 ms of CPU for 50,000 packages, <see cref="IndentedJsonWriter"/> and
/// <see cref="PackageRecordJson"/> about 37 (bench/sbom-normalize.sh's SBOM, output to a file).
/// NormalizedSbomWriterTests checks the two agree on every test SBOM: a new model field must be added here too.
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

    /// <summary>Writes the indented JSON of <paramref name="sbom"/> to <paramref name="output"/> (no trailing newline).</summary>
    public static void Write(Stream output, NormalizedSbom sbom)
    {
        var w = new IndentedJsonWriter(output);
        w.StartObject();
        w.PropertyName("format"u8);
        w.String(sbom.Format);
        Optional(w, "specVersion"u8, sbom.SpecVersion);
        if (sbom.Subject is { } subject)
        {
            w.PropertyName("subject"u8);
            w.StartObject();
            Optional(w, "name"u8, subject.Name);
            Optional(w, "version"u8, subject.Version);
            Optional(w, "purl"u8, subject.Purl);
            Optional(w, "type"u8, subject.Type);
            w.EndObject();
        }
        if (sbom.Os is { } os)
        {
            w.PropertyName("os"u8);
            w.StartObject();
            Optional(w, "id"u8, os.Id);
            Optional(w, "version"u8, os.Version);
            w.EndObject();
        }
        w.PropertyName("totalPackages"u8);
        w.Number(sbom.TotalPackages);
        w.PropertyName("packages"u8);
        w.StartArray();
        for (var i = 0; i < sbom.Packages.Count; i++) Package(w, sbom.Packages[i]); // no boxed enumerator
        w.EndArray();
        w.PropertyName("warnings"u8);
        w.StartArray();
        foreach (var warning in sbom.Warnings)
        {
            w.StartObject();
            Optional(w, "path"u8, warning.Path);
            Optional(w, "message"u8, warning.Message);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        w.Flush();
    }

    private static void Package(IndentedJsonWriter w, PackageRecord p)
    {
        // Nearly every package takes the one-pass path; the general one below writes the same bytes.
        var room = PackageRecordJson.MaxLength(p);
        if (w.Depth == PackageRecordJson.ElementDepth && room <= IndentedJsonWriter.MaxDirectLength)
        {
            var written = PackageRecordJson.TryFormat(p, w.AtFirstMember, w.GetSpan(room));
            if (written >= 0)
            {
                w.AdvanceMember(written);
                return;
            }
        }
        w.StartObject();
        Optional(w, "purl"u8, p.Purl);
        Optional(w, "type"u8, p.Type);
        Optional(w, "namespace"u8, p.Namespace);
        w.PropertyName("name"u8);
        w.String(p.Name);
        Optional(w, "version"u8, p.Version);
        Strings(w, "licenses"u8, p.Licenses);
        Optional(w, "licenseExpression"u8, p.LicenseExpression);
        Optional(w, "author"u8, p.Author);
        Optional(w, "description"u8, p.Description);
        if (p.Size is { } size)
        {
            w.PropertyName("size"u8);
            w.Number(size);
        }
        Strings(w, "filePaths"u8, p.FilePaths);
        w.PropertyName("dependencyType"u8);
        w.String(p.DependencyType switch
        {
            DependencyType.Direct => "direct",
            DependencyType.Transitive => "transitive",
            _ => "unknown",
        });
        Optional(w, "sourcePackage"u8, p.SourcePackage);
        Optional(w, "sourceVersion"u8, p.SourceVersion);
        // Written as null when unknown (JsonIgnoreCondition.Never on the model).
        w.PropertyName("layer"u8);
        NullableString(w, p.Layer);
        w.PropertyName("origin"u8);
        NullableString(w, p.Origin);
        w.EndObject();
    }

    private static void NullableString(IndentedJsonWriter w, string? value)
    {
        if (value is null) w.Null();
        else w.String(value);
    }

    private static void Optional(IndentedJsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null) return;
        w.PropertyName(name);
        w.String(value);
    }

    private static void Strings(IndentedJsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        w.PropertyName(name);
        w.StartArray();
        for (var i = 0; i < values.Count; i++) w.String(values[i]); // no boxed enumerator per list
        w.EndArray();
    }
}
