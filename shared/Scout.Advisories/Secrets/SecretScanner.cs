using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Secrets;

/// <summary>
/// Finds secrets in environment variables and labels. Each hit becomes a finding naming the variable or label and
/// the rule; the value is replaced by "[REDACTED:rule]" in the returned metadata and never copied anywhere else.
/// </summary>
public sealed class SecretScanner : ISecretScanner
{
    public (ImageMetadata Redacted, IReadOnlyList<Finding> Findings) Scan(ImageMetadata image)
    {
        var findings = new List<Finding>();
        var env = new List<EnvVar>(image.Env.Count);
        foreach (var e in image.Env)
        {
            var hit = Detect(e.Name, e.Value);
            if (hit == null) { env.Add(e); continue; }
            findings.Add(SecretFinding("env", e.Name, hit.Value));
            env.Add(e with { Value = Redaction(hit.Value.Rule) });
        }
        var labels = new Dictionary<string, string>(image.Labels.Count);
        foreach (var (name, value) in image.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var hit = Detect(name, value);
            if (hit == null) { labels[name] = value; continue; }
            findings.Add(SecretFinding("label", name, hit.Value));
            labels[name] = Redaction(hit.Value.Rule);
        }
        return findings.Count == 0 ? (image, findings) : (image with { Env = env, Labels = labels }, findings);
    }

    public static string Redaction(string rule) => $"[REDACTED:{rule}]";

    /// <summary>The first rule that recognises the value, the generic name+entropy rule last.</summary>
    public static (string Rule, string Severity)? Detect(string name, string value)
    {
        if (string.IsNullOrEmpty(value) || value.StartsWith("[REDACTED:", StringComparison.Ordinal)) return null;
        foreach (var rule in SecretRules.All)
            if (rule.Matches(name, value)) return (rule.Id, rule.Severity);
        var generic = GenericSecretRule.Classify(name, value);
        return generic == null ? null : (generic, GenericSecretRule.SeverityOf(generic));
    }

    private static Finding SecretFinding(string location, string name, (string Rule, string Severity) hit) => new()
    {
        Id = hit.Rule,
        Kind = FindingKinds.Secret,
        Location = location,
        Name = name,
        Rule = hit.Rule,
        Severity = hit.Severity,
        Source = "scout-secret-rules",
        MatchType = "secret-rule",
    };
}
