using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Cli.Commands;

/// <summary>SARIF 2.1.0 for `scout analyze --format sarif`: one rule per advisory, one result per finding.</summary>
public static class SarifReport
{
    public static string Write(LocalAnalysisResult result, string artifact)
    {
        var findings = result.Findings.Where(f => f.Kind != FindingKinds.Secret).ToList();
        var rules = new JsonArray();
        foreach (var f in findings.GroupBy(f => f.Id).Select(g => g.First()).OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            var properties = new JsonObject { ["tags"] = new JsonArray("security", f.Kind) };
            if (f.Cvss?.Score is { } score) properties["security-severity"] = score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            rules.Add(new JsonObject
            {
                ["id"] = f.Id,
                ["shortDescription"] = new JsonObject { ["text"] = f.Aliases.Count == 0 ? f.Id : $"{f.Id} ({string.Join(", ", f.Aliases)})" },
                ["helpUri"] = $"https://osv.dev/vulnerability/{f.Id}",
                ["properties"] = properties,
            });
        }
        var results = new JsonArray();
        foreach (var f in findings)
        {
            var text = f.Kind == FindingKinds.Indeterminate
                ? $"{f.Purl}: could not decide whether {f.Id} applies: {f.Detail}"
                : $"{f.Purl} {f.InstalledVersion} is affected by {f.Id} (severity {f.Severity}, fix {f.FixState}" +
                  (f.FixedVersions.Count > 0 ? $": {string.Join(", ", f.FixedVersions)})" : ")");
            var entry = new JsonObject
            {
                ["ruleId"] = f.Id,
                ["level"] = f.Kind == FindingKinds.Indeterminate ? "note" : Level(f.Severity),
                ["message"] = new JsonObject { ["text"] = text },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = Path.GetFileName(artifact) } },
                    ["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = f.Purl, ["kind"] = "package" }),
                }),
            };
            if (f.Suppressed)
                entry["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "external", ["justification"] = $"VEX {f.Vex?.Status}: {f.Vex?.Justification}" });
            results.Add(entry);
        }
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "scout", ["informationUri"] = "https://osv.dev", ["rules"] = rules } },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Level(string severity) => severity switch
    {
        Severities.Critical or Severities.High => "error",
        Severities.Medium => "warning",
        _ => "note",
    };
}
