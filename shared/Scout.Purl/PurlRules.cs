namespace Scout.Purl;

/// <summary>Component validation and normalization shared by parsing and building.</summary>
internal static class PurlRules
{
    public static bool IsValidType(ReadOnlySpan<char> type)
    {
        if (type.IsEmpty || type[0] is >= '0' and <= '9') return false;
        foreach (var c in type)
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '+' or '-')) return false;
        return true;
    }

    public static string Type(string? type)
    {
        if (string.IsNullOrEmpty(type))
            throw new PurlException(PurlComponent.Type, "a type is required");
        if (!IsValidType(type))
            throw new PurlException(PurlComponent.Type,
                $"type '{PurlSyntax.Shorten(type)}' must be ASCII letters, digits, '.', '+' or '-' and not start with a digit");
        return type.ToLowerInvariant();
    }

    /// <summary>A lone UTF-16 surrogate cannot be percent-encoded as UTF-8: the text is not valid Unicode.</summary>
    public static string WellFormed(string text, PurlComponent component)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            throw new PurlException(component, "text is not valid Unicode (lone surrogate)");
        }
        return text;
    }

    public static string? Namespace(IReadOnlyList<string>? segments, PurlTypeRule rule)
    {
        string? joined;
        int count;
        if (segments is [{ Length: > 0 } only])
            (joined, count) = (WellFormed(only, PurlComponent.Namespace), 1); // most purls: no list to join
        else
        {
            List<string>? kept = null;
            if (segments is not null)
                foreach (var segment in segments)
                    if (segment.Length > 0) (kept ??= []).Add(WellFormed(segment, PurlComponent.Namespace));
            joined = kept is null ? null : kept.Count == 1 ? kept[0] : string.Join('/', kept);
            count = kept?.Count ?? 0;
        }
        if (joined is null)
        {
            if (rule.Namespace == Requirement.Required)
                throw new PurlException(PurlComponent.Namespace, $"type '{rule.Type}' requires a namespace");
            return null;
        }
        if (rule.Namespace == Requirement.Prohibited)
            throw new PurlException(PurlComponent.Namespace, $"type '{rule.Type}' does not allow a namespace ('{PurlSyntax.Shorten(joined)}')");
        if (rule.MaxNamespaceSegments is { } max && count > max)
            throw new PurlException(PurlComponent.Namespace, $"type '{rule.Type}' allows at most {max} namespace segments");
        if (rule.LowercaseNamespace) return joined.ToLowerInvariant();
        if (rule.UppercaseNamespace) return joined.ToUpperInvariant();
        return joined;
    }

    public static string Name(string? name, PurlTypeRule rule, IReadOnlyDictionary<string, string> qualifiers)
    {
        if (string.IsNullOrEmpty(name))
            throw new PurlException(PurlComponent.Name, "a name is required");
        WellFormed(name, PurlComponent.Name);
        if (rule.LowercaseName || rule.LowercaseNameWhen?.Invoke(qualifiers) == true)
            name = name.ToLowerInvariant();
        if (rule.NormalizeName is { } normalize)
            name = normalize(name);
        if (rule.NamePattern is { } pattern && !pattern.IsMatch(name))
            throw new PurlException(PurlComponent.Name, $"'{PurlSyntax.Shorten(name)}' is not a valid {rule.Type} name (expected {pattern})");
        if (rule.CheckName?.Invoke(name) is { } reason)
            throw new PurlException(PurlComponent.Name, reason);
        return name;
    }

    public static string? Version(string? version, PurlTypeRule rule)
    {
        if (string.IsNullOrEmpty(version)) return null;
        WellFormed(version, PurlComponent.Version);
        if (rule.LowercaseVersion) version = version.ToLowerInvariant();
        if (rule.VersionPattern is { } pattern && !pattern.IsMatch(version))
            throw new PurlException(PurlComponent.Version, $"'{PurlSyntax.Shorten(version)}' is not a valid {rule.Type} version (expected {pattern})");
        return version;
    }

    /// <summary>Shared by every purl without qualifiers (most of them): no map per purl.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoQualifiers = QualifierMap.Empty;

    public static IReadOnlyDictionary<string, string> Qualifiers(IReadOnlyList<KeyValuePair<string, string>>? pairs, PurlTypeRule rule, bool lowercaseKeys)
    {
        if (pairs is not { Count: > 0 } && rule.RequiredQualifiers.Length == 0) return NoQualifiers;
        var result = new List<KeyValuePair<string, string>>(pairs?.Count ?? 0);
        HashSet<string>? seen = null; // only for many qualifiers: a few are compared one by one
        if (pairs is not null)
        {
            foreach (var (rawKey, value) in pairs)
            {
                var key = lowercaseKeys ? rawKey?.ToLowerInvariant() : rawKey;
                CheckKey(key, rawKey);
                if (string.IsNullOrEmpty(value)) continue; // an empty value means "no qualifier"
                WellFormed(value, PurlComponent.Qualifiers);
                if (!AddDistinct(result, ref seen, key!, value))
                    throw new PurlException(PurlComponent.Qualifiers, $"qualifier key '{key}' appears more than once");
            }
        }
        foreach (var required in rule.RequiredQualifiers)
            if (!HasKey(result, required))
                throw new PurlException(PurlComponent.Qualifiers, $"type '{rule.Type}' requires the '{required}' qualifier");
        return QualifierMap.Sorted(result);
    }

    private static bool HasKey(List<KeyValuePair<string, string>> pairs, string key)
    {
        foreach (var q in pairs)
            if (q.Key == key) return true;
        return false;
    }

    private static bool AddDistinct(List<KeyValuePair<string, string>> result, ref HashSet<string>? seen, string key, string value)
    {
        if (seen is null && result.Count >= 8)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var q in result) seen.Add(q.Key);
        }
        if (seen is not null)
        {
            if (!seen.Add(key)) return false;
        }
        else if (HasKey(result, key)) return false;
        result.Add(new(key, value));
        return true;
    }

    private static void CheckKey(string? key, string? rawKey)
    {
        if (string.IsNullOrEmpty(key))
            throw new PurlException(PurlComponent.Qualifiers, "a qualifier key is empty");
        if (key[0] is >= '0' and <= '9')
            throw new PurlException(PurlComponent.Qualifiers, $"qualifier key '{PurlSyntax.Shorten(key)}' starts with a digit");
        foreach (var c in key)
        {
            if (c is >= 'A' and <= 'Z')
                throw new PurlException(PurlComponent.Qualifiers, $"qualifier key '{PurlSyntax.Shorten(rawKey ?? key)}' is not lowercase");
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_'))
                throw new PurlException(PurlComponent.Qualifiers,
                    $"qualifier key '{PurlSyntax.Shorten(rawKey ?? key)}' may only hold lowercase ASCII letters, digits, '.', '-' and '_'");
        }
    }

    public static string? Subpath(IReadOnlyList<string>? segments)
    {
        if (segments is null) return null;
        var kept = new List<string>(segments.Count);
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment is "." or "..") continue;
            WellFormed(segment, PurlComponent.Subpath);
            if (segment.Contains('/'))
                throw new PurlException(PurlComponent.Subpath, $"segment '{PurlSyntax.Shorten(segment)}' contains '/'");
            kept.Add(segment);
        }
        return kept.Count == 0 ? null : string.Join('/', kept);
    }
}
