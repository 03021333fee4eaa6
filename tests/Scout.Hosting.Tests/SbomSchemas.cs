using System.Text.Json;
using Json.Schema;
using Scout.Testing;

namespace Scout.Hosting.Tests;

/// <summary>The official CycloneDX 1.6 and SPDX 2.3 JSON schemas from the test data, loaded once (with the files they reference).</summary>
public static class SbomSchemas
{
    private static readonly Lazy<(JsonSchema CycloneDx, JsonSchema Spdx)> schemas = new(Load);

    public static JsonSchema CycloneDx16 => schemas.Value.CycloneDx;
    public static JsonSchema Spdx23 => schemas.Value.Spdx;

    private static (JsonSchema, JsonSchema) Load()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        var cdx = TestData.Path("sbom", "cyclonedx", "schema");
        // bom-1.6 refers to these two by relative file name; registering them under their $id resolves the refs offline.
        JsonSchema.FromFile(Path.Combine(cdx, "spdx.schema.json"), options);
        JsonSchema.FromFile(Path.Combine(cdx, "jsf-0.82.schema.json"), options);
        var bom = JsonSchema.FromFile(Path.Combine(cdx, "bom-1.6.schema.json"), options);
        var spdx = JsonSchema.FromFile(TestData.Path("sbom", "spdx", "schema", "spdx-schema-v2.3.json"), options);
        return (bom, spdx);
    }

    /// <summary>The schema errors of a document, one line each ("instance location: message"); empty when valid.</summary>
    public static List<string> Errors(JsonSchema schema, ReadOnlyMemory<byte> document)
    {
        using var doc = JsonDocument.Parse(document);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        var errors = new List<string>();
        foreach (var detail in result.Details ?? [])
            if (detail.Errors is { } e)
                foreach (var (keyword, message) in e) errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
        if (errors.Count == 0) errors.Add("invalid (no detail reported)");
        return errors;
    }
}
