using System.Text.RegularExpressions;
using Scout.Core.Model;

namespace Scout.Advisories.Secrets;

/// <summary>
/// Values under secret-like names (PASSWORD, SECRET, TOKEN, API_KEY ...) that look like real secrets: long enough,
/// random enough (Shannon entropy), and not one of the things such variables commonly hold instead — file paths
/// (PASSWORD_FILE=/run/secrets/db), URLs without credentials, booleans, numbers, placeholders, references.
/// </summary>
public static class GenericSecretRule
{
    public const string Id = "generic-secret";
    public const string PasswordId = "password";
    public const int MinLength = 8;
    /// <summary>Bits per character. English words score ~2.5-3, random base64/hex 3.5-6.</summary>
    public const double MinEntropy = 3.0;
    public const double MinPasswordEntropy = 2.5;

    private static readonly Regex secretName = new(
        @"(?:^|[_.\-])(?:PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH|AUTH_?TOKEN|SIGNING_?KEY|ENCRYPTION_?KEY)(?:$|[_.\-])|(?:PASSWORD|SECRET|TOKEN|APIKEY)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex passwordName = new(@"PASSWORD|PASSWD|(?:^|_)PASS(?:$|_)|(?:^|_)PWD(?:$|_)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    /// <summary>Names that hold a pointer to a secret, not the secret.</summary>
    private static readonly Regex pointerName = new(@"(?:_FILE|_PATH|_DIR|_URL|_URI|_HOST|_USER|_USERNAME|_NAME|_ENDPOINT|_REGION|_ID|_TYPE|_LENGTH|_TTL|_EXPIRY|_ENABLED)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly HashSet<string> placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "null", "none", "nil", "undefined", "changeme", "change_me", "password",
        "secret", "example", "test", "dummy", "placeholder", "redacted", "default", "empty", "disabled", "enabled",
    };

    public static string? Classify(string name, string value)
    {
        if (!secretName.IsMatch(name) || pointerName.IsMatch(name)) return null;
        var v = value.Trim();
        var isPassword = passwordName.IsMatch(name);
        if (v.Length < (isPassword ? 6 : MinLength) || LooksHarmless(v)) return null;
        var threshold = isPassword ? MinPasswordEntropy : MinEntropy;
        return ShannonEntropy(v) >= threshold ? (isPassword ? PasswordId : Id) : null;
    }

    public static string SeverityOf(string ruleId) => ruleId == PasswordId ? Severities.High : Severities.Medium;

    private static bool LooksHarmless(string v)
    {
        if (placeholders.Contains(v)) return true;
        if (v.StartsWith('/') || v.StartsWith("./") || v.StartsWith("~/") || v.StartsWith("../")) return true;  // a path
        if (v.Contains(':') && v.Split(':').All(p => p.Length == 0 || p.StartsWith('/'))) return true;       // PATH-like list
        if (Regex.IsMatch(v, @"^[A-Za-z][A-Za-z0-9+.\-]*://[^@\s]*$")) return true;                          // URL without userinfo
        if (Regex.IsMatch(v, @"^[\d.,:\-]+$")) return true;                                                    // numbers, versions, ports
        if (Regex.IsMatch(v, @"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$|^\{\{.*\}\}$|^<.*>$")) return true;          // references and templates
        if (Regex.IsMatch(v, @"^(.)\1+$|^[x*#.\-]+$", RegexOptions.IgnoreCase)) return true;                   // masks like ****** or xxxx
        return false;
    }

    public static double ShannonEntropy(string s)
    {
        if (s.Length == 0) return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in s) counts[c] = counts.GetValueOrDefault(c) + 1;
        double h = 0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / s.Length;
            h -= p * Math.Log2(p);
        }
        return h;
    }
}
