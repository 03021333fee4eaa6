using System.Text.RegularExpressions;
using Scout.Core.Model;

namespace Scout.Advisories.Secrets;

/// <summary>A rule recognising one kind of secret by the shape of its value (and, for some, the variable's name).</summary>
public sealed record SecretRule(string Id, string Severity, Regex Pattern, Regex? NamePattern = null)
{
    public bool Matches(string name, string value)
    {
        try
        {
            return (NamePattern == null || NamePattern.IsMatch(name)) && Pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;  // pathological input: not a credential of this shape
        }
    }
}

/// <summary>Rules for credentials whose format is published by their issuer; ordered most specific first.</summary>
public static class SecretRules
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static Regex R(string pattern, RegexOptions extra = RegexOptions.None) => new(pattern, Opts | extra, TimeSpan.FromSeconds(2));

    public static readonly IReadOnlyList<SecretRule> All =
    [
        new("private-key", Severities.Critical, R(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----")),
        new("gcp-service-account", Severities.Critical, R(@"""type""\s*:\s*""service_account""(?=[\s\S]*""private_key"")|""private_key""(?=[\s\S]*""type""\s*:\s*""service_account"")")),
        new("aws-secret-access-key", Severities.Critical,
            R(@"^[A-Za-z0-9/+]{40}$"), R(@"AWS.*SECRET|SECRET.*ACCESS.*KEY", RegexOptions.IgnoreCase)),
        new("aws-access-key-id", Severities.High, R(@"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])")),
        new("github-token", Severities.High, R(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])")),
        new("gitlab-token", Severities.High, R(@"(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_\-]{20,}")),
        new("slack-webhook", Severities.High, R(@"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9+/_\-]{20,}")),
        new("slack-token", Severities.High, R(@"(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9\-]{10,}")),
        new("stripe-key", Severities.Critical, R(@"(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{20,}")),
        new("gcp-api-key", Severities.High, R(@"(?<![A-Za-z0-9_\-])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])")),
        new("jwt", Severities.Medium, R(@"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")),
        new("url-credentials", Severities.High, R(@"[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*:[^/\s@]+@[^/\s@]")),
    ];
}
