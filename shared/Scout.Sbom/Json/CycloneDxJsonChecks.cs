using System.Text.Json;

namespace Scout.Sbom.Json;

/// <summary>
/// Schema rules for the CycloneDX JSON sections that carry no package facts (services, pedigree, swid, citations,
/// distribution constraints): nothing here changes what is loaded, a violation only becomes a warning.
/// </summary>
internal static class CycloneDxJsonChecks
{
    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Has(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _);

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement e, string name, string path, RawSbom sbom)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var array)) yield break;
        if (array.ValueKind != JsonValueKind.Array) { sbom.Warn($"{path}.{name}", $"{name} is not an array"); yield break; }
        var i = 0;
        foreach (var item in array.EnumerateArray()) yield return (item, $"{path}.{name}[{i++}]");
    }

    private static void Enum(JsonElement e, string name, string path, HashSet<string> allowed, string what, RawSbom sbom, bool required = false)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        if (!e.TryGetProperty(name, out var v)) { if (required) sbom.Warn(path, $"{what} is missing"); return; }
        var value = v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString();
        if (value is null || !allowed.Contains(value)) sbom.Warn($"{path}.{name}", $"'{value}' is not a valid {what} ({string.Join(", ", allowed)})");
    }

    public static void Swid(JsonElement swid, string path, RawSbom sbom)
    {
        if (swid.ValueKind != JsonValueKind.Object) { sbom.Warn(path, "swid is not an object"); return; }
        if (string.IsNullOrEmpty(Text(swid, "tagId"))) sbom.Warn(path + ".tagId", "swid has no tagId (required)");
        if (string.IsNullOrEmpty(Text(swid, "name"))) sbom.Warn(path + ".name", "swid has no name (required)");
    }

    public static void Pedigree(JsonElement pedigree, string path, RawSbom sbom)
    {
        if (pedigree.ValueKind != JsonValueKind.Object) { sbom.Warn(path, "pedigree is not an object"); return; }
        foreach (var (patch, patchPath) in Items(pedigree, "patches", path, sbom))
        {
            Enum(patch, "type", patchPath, CycloneDxRules.PatchTypes, "patch type", sbom, required: true);
            foreach (var (issue, issuePath) in Items(patch, "resolves", patchPath, sbom))
                Enum(issue, "type", issuePath, CycloneDxRules.IssueTypes, "issue type", sbom, required: true);
        }
    }

    public static void Services(JsonElement services, string path, RawSbom sbom)
    {
        if (services.ValueKind != JsonValueKind.Array) { sbom.Warn(path, "services is not an array"); return; }
        var i = 0;
        foreach (var service in services.EnumerateArray())
        {
            var servicePath = $"{path}[{i++}]";
            if (service.ValueKind != JsonValueKind.Object) { sbom.Warn(servicePath, "service is not an object"); continue; }
            sbom.DeclareRef(Text(service, "bom-ref"), servicePath + ".bom-ref");
            if (string.IsNullOrEmpty(Text(service, "name"))) sbom.Warn(servicePath + ".name", "service has no name (required)");
            foreach (var flag in (string[])["authenticated", "x-trust-boundary"])
                if (service.TryGetProperty(flag, out var b) && b.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    sbom.Warn($"{servicePath}.{flag}", $"{flag} is not a boolean");
            foreach (var (data, dataPath) in Items(service, "data", servicePath, sbom))
            {
                if (data.ValueKind != JsonValueKind.Object) { sbom.Warn(dataPath, "service data entry is not an object"); continue; }
                Enum(data, "flow", dataPath, CycloneDxRules.DataFlows, "data flow direction", sbom, required: true);
                if (!Has(data, "classification")) sbom.Warn(dataPath + ".classification", "service data has no classification (required)");
            }
            if (service.TryGetProperty("services", out var nested)) Services(nested, servicePath + ".services", sbom);
        }
    }

    public static void Citations(JsonElement citations, string path, RawSbom sbom)
    {
        if (citations.ValueKind != JsonValueKind.Array) { sbom.Warn(path, "citations is not an array"); return; }
        var i = 0;
        foreach (var citation in citations.EnumerateArray())
        {
            var citationPath = $"{path}[{i++}]";
            if (citation.ValueKind != JsonValueKind.Object) { sbom.Warn(citationPath, "citation is not an object"); continue; }
            sbom.DeclareRef(Text(citation, "bom-ref"), citationPath + ".bom-ref");
            if (!Has(citation, "attributedTo") && !Has(citation, "process"))
                sbom.Warn(citationPath, "citation has neither attributedTo nor process (one is required)");
            var pointers = Has(citation, "pointers");
            var expressions = Has(citation, "expressions");
            if (pointers && expressions) sbom.Warn(citationPath, "citation has both pointers and expressions (the schema allows one)");
            if (!pointers && !expressions) sbom.Warn(citationPath, "citation has neither pointers nor expressions");
            var timestamp = Text(citation, "timestamp");
            if (timestamp is null) sbom.Warn(citationPath + ".timestamp", "citation has no timestamp (required)");
            else if (!CycloneDxRules.IsTimestamp(timestamp)) sbom.Warn(citationPath + ".timestamp", $"timestamp '{timestamp}' is not an RFC 3339 date-time");
        }
    }

    public static void DistributionConstraints(JsonElement constraints, string path, RawSbom sbom)
    {
        if (constraints.ValueKind != JsonValueKind.Object) { sbom.Warn(path, "distributionConstraints is not an object"); return; }
        Enum(constraints, "tlp", path, CycloneDxRules.TlpLevels, "TLP level", sbom);
    }
}
