namespace Scout.Purl;

/// <summary>The purl string split into decoded components, before per-type normalization.</summary>
internal readonly record struct PurlParts(
    string Type, List<string>? Namespace, string Name, string? Version,
    List<KeyValuePair<string, string>>? Qualifiers, List<string>? Subpath);

/// <summary>Splits a purl string into its components the way ECMA-427 describes (subpath, qualifiers, scheme, type, version, name, namespace).</summary>
internal static class PurlSyntax
{
    public static PurlParts Split(string text)
    {
        var colon = text.IndexOf(':');
        if (colon < 0)
            throw new PurlException(PurlComponent.Scheme, "missing the 'pkg:' scheme");
        if (!text.AsSpan(0, colon).Equals("pkg", StringComparison.OrdinalIgnoreCase))
            throw new PurlException(PurlComponent.Scheme, $"scheme must be 'pkg', not '{Shorten(text[..colon])}'");

        var rest = text.AsSpan(colon + 1);

        List<string>? subpath = null;
        var hash = rest.LastIndexOf('#');
        if (hash >= 0)
        {
            subpath = SplitSegments(rest[(hash + 1)..], PurlComponent.Subpath, dropDotSegments: true);
            rest = rest[..hash];
        }

        List<KeyValuePair<string, string>>? qualifiers = null;
        var question = rest.LastIndexOf('?');
        if (question >= 0)
        {
            qualifiers = SplitQualifiers(rest[(question + 1)..]);
            rest = rest[..question];
        }

        // "pkg:/maven/..." and "pkg://maven/...": slashes after the scheme are not significant.
        rest = rest.TrimStart('/');
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            if (rest.Length > 0 && PurlRules.IsValidType(rest))
                throw new PurlException(PurlComponent.Name, "a name is required after the type");
            throw new PurlException(PurlComponent.Type, "a type followed by '/' is required after 'pkg:'");
        }
        var type = PurlTypeRules.KnownType(rest[..slash]) ?? rest[..slash].ToString();
        var path = rest[(slash + 1)..];

        // The version is after the last '@' of the LAST path segment only, so an unencoded npm scope
        // ("pkg:npm/@babel/core") is not mistaken for a version separator.
        var lastSlash = path.LastIndexOf('/');
        var last = path[(lastSlash + 1)..];
        string? version = null;
        var at = last.LastIndexOf('@');
        if (at >= 0)
        {
            version = Decode(last[(at + 1)..], PurlComponent.Version);
            if (version.Length == 0)
                throw new PurlException(PurlComponent.Version, "empty version after '@'");
            last = last[..at];
        }
        var name = Decode(last, PurlComponent.Name);
        var @namespace = lastSlash >= 0 ? SplitSegments(path[..lastSlash], PurlComponent.Namespace, dropDotSegments: false) : null;
        return new PurlParts(type, @namespace, name, version, qualifiers, subpath);
    }

    private static List<string> SplitSegments(ReadOnlySpan<char> text, PurlComponent component, bool dropDotSegments)
    {
        var segments = new List<string>();
        foreach (var range in text.Split('/'))
        {
            var raw = text[range];
            if (raw.IsEmpty) continue;
            var segment = component == PurlComponent.Subpath ? PercentEncoding.Decode(raw, component) : Decode(raw, component);
            if (dropDotSegments && segment is "." or "..") continue;
            if (segment.Contains('/'))
                throw new PurlException(component, $"segment '{Shorten(segment)}' contains an encoded '/'");
            segments.Add(segment);
        }
        return segments;
    }

    private static List<KeyValuePair<string, string>> SplitQualifiers(ReadOnlySpan<char> text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var range in text.Split('&'))
        {
            var pair = text[range];
            if (pair.IsEmpty) continue;
            var eq = pair.IndexOf('=');
            if (eq < 0)
                throw new PurlException(PurlComponent.Qualifiers, $"qualifier '{Shorten(pair.ToString())}' has no '=value'");
            // Keys are never percent-encoded; an encoded key fails key validation later.
            pairs.Add(new(pair[..eq].ToString(), PercentEncoding.Decode(pair[(eq + 1)..], PurlComponent.Qualifiers)));
        }
        return pairs;
    }

    // '?' and '#' only ever separate qualifiers and subpath; left of their separator they must be percent-encoded,
    // otherwise "pkg:deb/x/y?arch=src?distro=jammy" would silently become a name "y?arch=src".
    private static string Decode(ReadOnlySpan<char> raw, PurlComponent component)
    {
        var bad = raw.IndexOfAny('?', '#');
        if (bad >= 0)
            throw new PurlException(component, $"unencoded '{raw[bad]}' in '{Shorten(raw.ToString())}' (a second '?' or '#' separator?)");
        return PercentEncoding.Decode(raw, component);
    }

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
