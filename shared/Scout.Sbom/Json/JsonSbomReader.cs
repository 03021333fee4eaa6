using Scout.Core.Model;
using System.Text;
using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>
/// Reads any JSON SBOM (CycloneDX, SPDX 2.x, syft) or attestation wrapping one (in-toto statement, DSSE envelope,
/// JSON lines of either) in one forward pass, then decides the format from what it saw.
/// </summary>
internal static class JsonSbomReader
{
    public static RawSbom Read(ReadOnlyMemory<byte> document, SbomLimits limits, int wrapping)
    {
        var src = new JsonSource(document, limits, wrapping);
        try
        {
            return Read(src);
        }
        finally
        {
            // A second reader still running (the document refused first) must stop before the caller frees the bytes.
            ComponentSplit.Stop(src);
        }
    }

    private static RawSbom Read(JsonSource src)
    {
        var r = src.CreateReader();
        SbomFormatException? firstRefusal = null;
        var ignored = new List<SbomWarning>();
        var values = 0;
        while (true)
        {
            bool more;
            try
            {
                more = r.Read();
            }
            catch (JsonException e) when (values > 0)
            {
                // Real documents carry trailing web-page text after the closing brace; the document itself is intact.
                ignored.Add(new SbomWarning("$", $"ignored trailing content that is not JSON (line {src.Line(e)})"));
                break;
            }
            catch (JsonException e)
            {
                throw src.Malformed(e);
            }
            if (!more) break;
            values++;
            if (r.TokenType != JsonTokenType.StartObject)
                throw src.Fail(ref r, "$", $"top-level JSON value is {Describe(r.TokenType)}, not an SBOM object");
            var line = src.LineAt(src.TokenStart(ref r));
            var top = new JsonTopLevel { Line = line };
            try
            {
                ReadObject(src, ref r, top, "$");
            }
            catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
            {
                // Strings read outside JsonSource.String (refs, names): same refusal, at the token that failed.
                throw src.Fail(ref r, null, "string is not valid UTF-8");
            }
            try
            {
                var sbom = Resolve(src, top);
                sbom.Warnings.InsertRange(0, ignored);
                var rest = src.Buffer.Span[src.Consumed(ref r)..].TrimStart(" \t\r\n"u8);
                if (!rest.IsEmpty)
                    sbom.Warn("$", $"ignored content after the JSON document (line {src.LineAt(src.Buffer.Length - rest.Length)})"
                        + (rest[0] == (byte)'{' ? ": further JSON values" : ": trailing content that is not JSON"));
                if (values > 1 || firstRefusal is not null) sbom.Warn("$", $"JSON lines: used the SBOM on line {line}");
                return sbom;
            }
            catch (SbomFormatException e) when (!src.Buffer.Span[src.Consumed(ref r)..].TrimStart(" \t\r\n"u8).IsEmpty)
            {
                // A JSON-lines file of attestations: one that is no SBOM (provenance ...) is skipped for the next.
                firstRefusal ??= e;
                ignored.Add(new SbomWarning($"line {line}", "skipped: " + e.Reason));
            }
        }
        throw firstRefusal ?? src.Fail("$", "document is empty");
    }

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        _ => t.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads the properties of the object the reader is on, dispatching every format's sections.</summary>
    private static void ReadObject(JsonSource src, ref Utf8JsonReader r, JsonTopLevel top, string path)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var sbom = top.Sbom;
        while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("bomFormat"u8)) { src.ReadValue(ref r); top.SawBomFormat = true; top.BomFormat = src.String(ref r); src.Format = "cyclonedx-json"; }
            else if (r.ValueTextEquals("specVersion"u8)) { src.ReadValue(ref r); top.CycloneDxSpecVersion = src.String(ref r); }
            else if (r.ValueTextEquals("serialNumber"u8))
            {
                src.ReadValue(ref r);
                var serial = src.String(ref r);
                if (serial is null || !CycloneDxRules.IsSerialNumber(serial)) sbom.Warn(path + ".serialNumber", $"serialNumber '{serial}' is not a urn:uuid");
            }
            else if (r.ValueTextEquals("metadata"u8)) { src.ReadValue(ref r); top.SawCycloneDxSection = true; CycloneDxJsonReader.ReadMetadata(src, ref r, sbom); }
            else if (r.ValueTextEquals("components"u8)) { src.ReadValue(ref r); top.SawCycloneDxSection = true; CycloneDxJsonReader.ReadComponentArray(src, ref r, sbom, path + ".components", null); }
            else if (r.ValueTextEquals("dependencies"u8)) { src.ReadValue(ref r); top.SawCycloneDxSection = true; CycloneDxJsonReader.ReadDependencies(src, ref r, sbom); }
            else if (r.ValueTextEquals("services"u8)) { src.ReadValue(ref r); CycloneDxJsonChecks.Services(src.Element(ref r), path + ".services", sbom); }
            else if (r.ValueTextEquals("citations"u8)) { src.ReadValue(ref r); CycloneDxJsonChecks.Citations(src.Element(ref r), path + ".citations", sbom); }
            else if (r.ValueTextEquals("spdxVersion"u8)) { src.ReadValue(ref r); top.SawSpdxVersion = true; top.SpdxVersion = src.String(ref r); src.Format = "spdx-json"; }
            else if (r.ValueTextEquals("SPDXID"u8)) { src.ReadValue(ref r); top.SawSpdxSection = true; top.Spdx.DocumentId = src.String(ref r) ?? top.Spdx.DocumentId; }
            else if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); top.Spdx.DocumentName = src.String(ref r); }
            else if (r.ValueTextEquals("documentDescribes"u8)) { src.ReadValue(ref r); top.Spdx.Describes.AddRange(SpdxJsonReader.ReadStrings(src, ref r)); }
            else if (r.ValueTextEquals("packages"u8)) { src.ReadValue(ref r); top.SawSpdxSection = true; SpdxJsonReader.ReadPackages(src, ref r, top.Spdx); }
            else if (r.ValueTextEquals("files"u8)) { src.ReadValue(ref r); SpdxJsonReader.ReadFiles(src, ref r, top.Spdx); }
            else if (r.ValueTextEquals("relationships"u8)) { src.ReadValue(ref r); SpdxJsonReader.ReadRelationships(src, ref r, top.Spdx); }
            else if (r.ValueTextEquals("artifacts"u8)) { src.ReadValue(ref r); top.SawSyftArtifacts = true; src.Format = "syft-json"; SyftJsonReader.ReadArtifacts(src, ref r, sbom); }
            else if (r.ValueTextEquals("artifactRelationships"u8)) { src.ReadValue(ref r); SyftJsonReader.ReadRelationships(src, ref r, sbom); }
            else if (r.ValueTextEquals("source"u8)) { src.ReadValue(ref r); SyftJsonReader.ReadSource(src, ref r, sbom); }
            else if (r.ValueTextEquals("distro"u8)) { src.ReadValue(ref r); SyftJsonReader.ReadDistro(src, ref r, sbom); }
            else if (r.ValueTextEquals("descriptor"u8)) { src.ReadValue(ref r); top.SawSyftDescriptor = true; src.Skip(ref r); }
            else if (r.ValueTextEquals("_type"u8)) { src.ReadValue(ref r); top.InTotoType = src.String(ref r); src.Format = "in-toto"; }
            else if (r.ValueTextEquals("predicateType"u8)) { src.ReadValue(ref r); top.PredicateType = src.String(ref r); src.Format = "in-toto"; }
            else if (r.ValueTextEquals("subject"u8)) { src.ReadValue(ref r); top.StatementSubject = ReadStatementSubject(src, ref r); }
            else if (r.ValueTextEquals("predicate"u8))
            {
                src.ReadValue(ref r, allowLongString: true);
                if (r.TokenType == JsonTokenType.StartObject)
                {
                    var inner = new JsonTopLevel { Line = src.LineAt(src.TokenStart(ref r)) };
                    ReadObject(src, ref r, inner, path + ".predicate");
                    top.Predicate = inner;
                }
                else if (r.TokenType == JsonTokenType.String) top.PredicateData = Encoding.UTF8.GetBytes(r.GetString()!);
                else src.Skip(ref r);
            }
            else if (r.ValueTextEquals("Data"u8))
            {
                src.ReadValue(ref r, allowLongString: true);
                if (r.TokenType == JsonTokenType.String) top.PredicateData = Encoding.UTF8.GetBytes(r.GetString()!);
                else if (r.TokenType == JsonTokenType.StartObject)
                {
                    var inner = new JsonTopLevel { Line = src.LineAt(src.TokenStart(ref r)) };
                    ReadObject(src, ref r, inner, path + ".Data");
                    top.Predicate = inner;
                }
                else src.Skip(ref r);
            }
            else if (r.ValueTextEquals("payloadType"u8)) { src.ReadValue(ref r); top.PayloadType = src.String(ref r); src.Format = "dsse"; }
            else if (r.ValueTextEquals("payload"u8))
            {
                src.ReadValue(ref r, allowLongString: true);
                top.SawPayload = true;
                src.Format = "dsse";
                top.Payload = DecodeBase64(src, ref r);
            }
            else if (r.ValueTextEquals("@context"u8)) { src.ReadValue(ref r); top.SawJsonLd = true; src.Skip(ref r); }
            else if (r.ValueTextEquals("@graph"u8))
            {
                src.ReadValue(ref r);
                top.SawJsonLd = true;
                top.SawSpdx3Graph = true;
                src.Format = "spdx3-jsonld";
                top.Spdx3.ReadGraph(src, ref r);
            }
            else { src.ReadValue(ref r); src.Skip(ref r); }
        }
    }

    private static RawPackage? ReadStatementSubject(JsonSource src, ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartArray) { src.Skip(ref r); return null; }
        RawPackage? first = null;
        while (src.Read(ref r) && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
            var s = new RawPackage { Path = "$.subject" };
            while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("name"u8)) { src.ReadValue(ref r); s.Name = src.String(ref r); }
                else if (r.ValueTextEquals("digest"u8))
                {
                    src.ReadValue(ref r);
                    if (r.TokenType != JsonTokenType.StartObject) { src.Skip(ref r); continue; }
                    while (src.Read(ref r) && r.TokenType == JsonTokenType.PropertyName)
                    {
                        var alg = r.GetString();
                        src.ReadValue(ref r);
                        var value = src.String(ref r);
                        if (value is not null && s.Version is null) s.Version = $"{alg}:{value}";
                    }
                }
                else { src.ReadValue(ref r); src.Skip(ref r); }
            }
            first ??= s;
        }
        return first;
    }

    private static byte[]? DecodeBase64(JsonSource src, ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String) { src.Skip(ref r); return null; }
        if (r.TryGetBytesFromBase64(out var bytes)) return bytes;
        // Some signers write base64url (RFC 4648 section 5) without padding.
        var text = r.GetString()!.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { throw src.Fail(ref r, "$.payload", "DSSE payload is not base64"); }
    }

    private static RawSbom Resolve(JsonSource src, JsonTopLevel top) => JsonFormatResolver.Resolve(src, top);
}
