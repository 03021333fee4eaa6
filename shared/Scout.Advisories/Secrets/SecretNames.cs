namespace Scout.Advisories.Secrets;

/// <summary>
/// What a variable or label name says about its value. A name that says password/passwd/secret/token/api key/
/// private key holds a secret whatever the value looks like (MYSQL_ROOT_PASSWORD=root included); a name that ends
/// in a pointer word (…_FILE, …_URL, …_TTL) holds something about a secret, not the secret.
/// </summary>
public static class SecretNames
{
    private static readonly string[] strongSuffixes = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "APIKEY", "PRIVATEKEY"];
    private static readonly HashSet<string> strongWords = new(StringComparer.Ordinal) { "PASS" };
    private static readonly HashSet<string> pointerWords = new(StringComparer.Ordinal)
    {
        "FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT", "USER", "USERNAME", "NAME", "ENDPOINT", "REGION", "ID", "TYPE",
        "LENGTH", "TTL", "EXPIRY", "EXPIRES", "ENABLED", "ALGORITHM", "ALGO", "POLICY", "MODE", "SIZE", "FORMAT", "COUNT",
        "VERSION", "PROVIDER", "SOURCE", "TIMEOUT", "REQUIRED", "PROMPT", "HEADER", "LOCATION", "KIND", "ROTATION",
    };

    /// <summary>True when the name alone decides: any non-empty value is a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        if (words.Count == 0 || pointerWords.Contains(words[^1])) return false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            // Adjacent pairs count as one word: API_KEY, PRIVATE-KEY, apiKey.
            var pair = i + 1 < words.Count ? w + words[i + 1] : null;
            if (strongWords.Contains(w) || EndsStrong(w) || (pair != null && EndsStrong(pair))) return true;
        }
        return false;
    }

    /// <summary>Password-like names get the "password" rule; other secret names the generic one.</summary>
    public static bool IsPasswordName(string name) =>
        Words(name).Any(w => w.EndsWith("PASSWORD", StringComparison.Ordinal) || w.EndsWith("PASSWD", StringComparison.Ordinal)
            || w.EndsWith("PASSPHRASE", StringComparison.Ordinal) || w == "PASS");

    private static bool EndsStrong(string word) => strongSuffixes.Any(s => word.EndsWith(s, StringComparison.Ordinal));

    /// <summary>Splits on anything not a letter or digit and on lower-to-upper case changes; upper-cased.</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1])) Flush();
            current.Append(char.ToUpperInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }
}
