using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Advisories;
using Scout.Core.Model;

namespace Scout.Bench.ColdIndex;

/// <summary>
/// Advisories shaped like real ones: copy k of every OSV test-data record (sizes, ecosystems, affected entries and
/// ranges as published) with "-ck" appended to its id, aliases, upstream and package names, so copies never merge and
/// each copy files under its own package keys.
/// </summary>
internal sealed class RealShapedAdvisories
{
    private readonly List<JsonObject> templates;
    private readonly AdvisoryServices parsing = AdvisoryServices.CreateDetached();

    private RealShapedAdvisories(List<JsonObject> templates) => this.templates = templates;

    public int Templates => templates.Count;
    public long TemplateBytes { get; private init; }

    public static RealShapedAdvisories Load(string osvRoot)
    {
        var list = new List<JsonObject>();
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(osvRoot, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetRelativePath(osvRoot, file).StartsWith('_')) continue; // conformance and schema fixtures
            try
            {
                if (JsonNode.Parse(File.ReadAllBytes(file)) is not JsonObject record || record["affected"] is not JsonArray { Count: > 0 }) continue;
                list.Add(record);
                bytes += new FileInfo(file).Length;
            }
            catch (JsonException) { }
        }
        if (list.Count == 0) throw new InvalidOperationException($"no OSV records under {osvRoot}");
        return new RealShapedAdvisories(list) { TemplateBytes = bytes };
    }

    /// <summary>The i-th advisory (copy i / templates of template i % templates), or null when the copy does not parse.</summary>
    public StoredAdvisory? Make(int i)
    {
        var copy = i / templates.Count;
        var record = (JsonObject)templates[i % templates.Count].DeepClone();
        var suffix = $"-c{copy}";
        record["id"] = (string)record["id"]! + suffix;
        foreach (var list in new[] { "aliases", "upstream", "related" })
            if (record[list] is JsonArray ids)
                for (var j = 0; j < ids.Count; j++) ids[j] = (string?)ids[j] + suffix;
        foreach (var affected in record["affected"]!.AsArray())
            if (affected?["package"] is JsonObject package && package["name"] is JsonValue name)
            {
                package["name"] = (string)name! + suffix;
                package.Remove("purl");
            }
        return parsing.Parser.Parse(JsonSerializer.SerializeToUtf8Bytes(record), record["id"]!.ToString()).Advisory;
    }
}
