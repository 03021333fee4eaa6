using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Vex;

/// <summary>Reads OpenVEX documents and CycloneDX VEX (vulnerabilities[].analysis) into <see cref="VexStatement"/>s.</summary>
public static class VexParser
{
    public const string OpenVex = "openvex";
    public const string CycloneDx = "cyclonedx";

    /// <summary>Detects the format from the content: OpenVEX has "statements", CycloneDX has "bomFormat"/"vulnerabilities".</summary>
    public static string DetectFormat(string json)
    {
        using var doc = ParseDocument(json);
        var root = doc.RootElement;
        if (root.TryGetProperty("statements", out _)) return OpenVex;
        if (root.TryGetProperty("bomFormat", out _) || root.TryGetProperty("vulnerabilities", out _)) return CycloneDx;
        throw new InputException("VEX document: neither OpenVEX (statements) nor CycloneDX (bomFormat, vulnerabilities)");
    }

    public static IReadOnlyList<VexStatement> Parse(VexDocumentRecord record)
    {
        var format = record.Format.ToLowerInvariant() switch
        {
            "openvex" => OpenVex,
            "cyclonedx" or "cyclonedx-vex" or "cdx" => CycloneDx,
            _ => DetectFormat(record.Json),
        };
        using var doc = ParseDocument(record.Json);
        return format == OpenVex ? ParseOpenVex(record.DocumentId, doc.RootElement) : ParseCycloneDx(record.DocumentId, doc.RootElement);
    }

    private static JsonDocument ParseDocument(string json)
    {
        try { return JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InputException($"VEX document is not valid JSON: {e.Message}"); }
    }

    private static List<VexStatement> ParseOpenVex(string docId, JsonElement root)
    {
        if (!root.TryGetProperty("statements", out var statements) || statements.ValueKind != JsonValueKind.Array)
            throw new InputException("OpenVEX document: \"statements\" must be an array");
        var list = new List<VexStatement>();
        var i = 0;
        foreach (var s in statements.EnumerateArray())
        {
            var (name, aliases) = OpenVexVulnerability(s);
            var status = Str(s, "status");
            if (name == null || status == null)
                throw new InputException($"OpenVEX document: statements[{i}] needs a vulnerability name and a status");
            var products = new List<string>();
            var targets = new List<VexTarget>();
            if (s.TryGetProperty("products", out var ps) && ps.ValueKind == JsonValueKind.Array)
                foreach (var p in ps.EnumerateArray())
                {
                    var pid = p.ValueKind == JsonValueKind.String ? p.GetString() : Str(p, "@id") ?? Identifier(p);
                    var subs = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("subcomponents", out var sc) && sc.ValueKind == JsonValueKind.Array
                        ? sc.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : Str(x, "@id") ?? Identifier(x)).OfType<string>().ToList()
                        : [];
                    // With subcomponents the claim is about them inside the product (the image); without, about the product.
                    if (subs.Count > 0) products.AddRange(subs);
                    else if (pid != null) products.Add(pid);
                    if (pid != null) targets.Add(new VexTarget(pid, subs));
                    else if (subs.Count > 0) targets.Add(new VexTarget("", subs)); // subcomponents of an unnamed product: scoped to nothing
                }
            list.Add(new VexStatement(docId, name, aliases, products, status, Str(s, "justification")) { Targets = targets });
            i++;
        }
        return list;
    }

    private static (string?, IReadOnlyList<string>) OpenVexVulnerability(JsonElement s)
    {
        if (!s.TryGetProperty("vulnerability", out var v)) return (null, []);
        if (v.ValueKind == JsonValueKind.String) return (v.GetString(), []);   // OpenVEX 0.0.x
        if (v.ValueKind != JsonValueKind.Object) return (null, []);
        var aliases = v.TryGetProperty("aliases", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return (Str(v, "name") ?? Str(v, "@id"), aliases);
    }

    private static List<VexStatement> ParseCycloneDx(string docId, JsonElement root)
    {
        // affects[].ref points at a bom-ref: resolve it to the component's purl when the document lists components.
        var refToPurl = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectComponents(root, refToPurl);
        var list = new List<VexStatement>();
        if (!root.TryGetProperty("vulnerabilities", out var vulns) || vulns.ValueKind != JsonValueKind.Array) return list;
        foreach (var v in vulns.EnumerateArray())
        {
            var id = Str(v, "id");
            if (id == null || !v.TryGetProperty("analysis", out var analysis) || Str(analysis, "state") is not { } state) continue;
            var products = new List<string>();
            if (v.TryGetProperty("affects", out var affects) && affects.ValueKind == JsonValueKind.Array)
                foreach (var a in affects.EnumerateArray())
                    if (Str(a, "ref") is { } r) products.Add(ResolveRef(r, refToPurl));
            var aliases = v.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array
                ? refs.EnumerateArray().Select(x => Str(x, "id")).OfType<string>().ToList()
                : [];
            list.Add(new VexStatement(docId, id, aliases, products, state, Str(analysis, "justification")));
        }
        return list;
    }

    private static string ResolveRef(string r, Dictionary<string, string> refToPurl)
    {
        if (refToPurl.TryGetValue(r, out var purl)) return purl;
        // BOM-Link "urn:cdx:serial/version#bom-ref" (and the older "urn:uuid:...#ref"): the part after '#'.
        var hash = r.IndexOf('#');
        if (hash >= 0 && !r.StartsWith("pkg:", StringComparison.Ordinal))
        {
            var local = r[(hash + 1)..];
            return refToPurl.TryGetValue(local, out var p) ? p : local;
        }
        return r;
    }

    private static void CollectComponents(JsonElement e, Dictionary<string, string> refToPurl)
    {
        if (e.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Object && md.TryGetProperty("component", out var mc))
            AddComponent(mc, refToPurl);
        if (e.TryGetProperty("components", out var cs) && cs.ValueKind == JsonValueKind.Array)
            foreach (var c in cs.EnumerateArray()) AddComponent(c, refToPurl);
    }

    private static void AddComponent(JsonElement c, Dictionary<string, string> refToPurl)
    {
        if (c.ValueKind != JsonValueKind.Object) return;
        if (Str(c, "bom-ref") is { } r && Str(c, "purl") is { } p) refToPurl[r] = p;
        CollectComponents(c, refToPurl);
    }

    /// <summary>OpenVEX 0.2 product identifiers: {"identifiers": {"purl": …}} when there is no @id.</summary>
    private static string? Identifier(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("identifiers", out var ids) ? Str(ids, "purl") : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
