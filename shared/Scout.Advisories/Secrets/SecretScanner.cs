using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Secrets;

/// <summary>
/// Finds secrets in every collected string that can carry one: env values, label keys and values, the registry URL.
/// Each hit becomes a finding naming the rule and where (env/label name, or "url" of the registry), never the value;
/// the value is replaced by "[REDACTED:rule]" in the returned metadata (registry URL: its userinfo is removed) and
/// never copied anywhere else.
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
            var key = name;
            // A label key is a collected string too: one that carries a secret is stored under its redaction.
            if (DetectInValue(name) is { } keyHit)
            {
                key = UniqueKey(labels, Redaction(keyHit.Rule));
                findings.Add(SecretFinding("label", key, keyHit));
            }
            var hit = Detect(name, value);
            if (hit == null) { labels[key] = value; continue; }
            findings.Add(SecretFinding("label", key, hit.Value));
            labels[key] = Redaction(hit.Value.Rule);
        }
        var registry = image.Registry;
        if (registry?.Url is { } url && RegistryUrl(url, findings) is var cleaned && cleaned != url)
            registry = registry with { Url = cleaned };
        return findings.Count == 0 ? (image, findings) : (image with { Env = env, Labels = labels, Registry = registry }, findings);
    }

    public static string Redaction(string rule) => SecretRedaction.Of(rule);

    /// <summary>
    /// Issuer-format rules first, then the name (a secret-named variable: any non-empty value), then secrets embedded
    /// in the value, and last the generic name+entropy rule for names that only hint at a secret.
    /// </summary>
    public static (string Rule, string Severity)? Detect(string name, string value)
    {
        if (string.IsNullOrEmpty(value) || SecretRedaction.IsRedactionForm(value)) return null;
        foreach (var rule in SecretRules.All)
            if (rule.Matches(name, value)) return (rule.Id, rule.Severity);
        if (SecretNames.IsSecretName(name))
            return SecretNames.IsPasswordName(name) ? (GenericSecretRule.PasswordId, Severities.High) : (GenericSecretRule.Id, Severities.Medium);
        if (EmbeddedSecretRule.Matches(value)) return (EmbeddedSecretRule.Id, Severities.High);
        var generic = GenericSecretRule.Classify(name, value);
        return generic == null ? null : (generic, GenericSecretRule.SeverityOf(generic));
    }

    /// <summary>A string without a name of its own (a label key, a URL): only what the value itself shows.</summary>
    public static (string Rule, string Severity)? DetectInValue(string value)
    {
        if (string.IsNullOrEmpty(value) || SecretRedaction.IsRedactionForm(value)) return null;
        foreach (var rule in SecretRules.All)
            if (rule.NamePattern == null && rule.Matches("", value)) return (rule.Id, rule.Severity);
        return EmbeddedSecretRule.Matches(value) ? (EmbeddedSecretRule.Id, Severities.High) : null;
    }

    /// <summary>Userinfo (https://user:pass@host/…) is removed so the repository stays readable; anything else redacts it all.</summary>
    private static string RegistryUrl(string url, List<Finding> findings)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var pathStart = url.IndexOf('/', authorityStart);
        var authorityEnd = pathStart < 0 ? url.Length : pathStart;
        var at = authorityEnd > authorityStart ? url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) : -1;
        if (at >= authorityStart)
        {
            url = url[..authorityStart] + url[(at + 1)..];
            findings.Add(SecretFinding("registry", "url", ("url-credentials", Severities.High)));
        }
        if (DetectInValue(url) is not { } hit) return url;
        findings.Add(SecretFinding("registry", "url", hit));
        return Redaction(hit.Rule);
    }

    private static string UniqueKey(Dictionary<string, string> labels, string key)
    {
        var candidate = key;
        for (var n = 2; labels.ContainsKey(candidate); n++) candidate = $"{key}#{n}";
        return candidate;
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
