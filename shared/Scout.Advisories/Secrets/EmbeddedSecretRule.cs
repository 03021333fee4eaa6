using System.Text.RegularExpressions;

namespace Scout.Advisories.Secrets;

/// <summary>
/// Secrets carried inside a longer value: key=value pairs whose key names a secret (JAVA_OPTS=-Ddb.password=…,
/// connection strings Password=…;, .npmrc //registry/:_authToken=…, JSON/YAML "token": …).
/// URL userinfo (postgres://u:p@h/db) is the url-credentials rule of <see cref="SecretRules"/>.
/// </summary>
public static partial class EmbeddedSecretRule
{
    public const string Id = "embedded-secret";

    [GeneratedRegex(
        """(?<![A-Za-z0-9])[A-Za-z0-9_.\-]*?(?:password|passwd|passphrase|pwd|secret|token|api[_.\-]?key|private[_.\-]?key|_auth)["']?[ \t]*(?:=|:(?!//))[ \t]*(?:"(?<v>[^"]+)"|'(?<v>[^']+)'|(?<v>[^\s;&,"']+))""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex KeyValue();

    public static bool Matches(string value)
    {
        try
        {
            foreach (Match m in KeyValue().Matches(value))
                if (!SecretRedaction.IsRedactionForm(m.Groups["v"].Value)) return true;
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;  // pathological input under a scan for secrets: redact rather than risk keeping one
        }
    }
}
