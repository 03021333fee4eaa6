using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Scout.Purl;

/// <summary>How strictly <see cref="PackageUrl.Parse(string, PurlParseMode)"/> reads its input.</summary>
public enum PurlParseMode
{
    /// <summary>The spec's "required" rules: e.g. a qualifier key that is not lowercase is an error.</summary>
    Strict,
    /// <summary>Also repairs what the spec's "recommended" tests normalize (qualifier key case, surrounding whitespace).</summary>
    Lenient,
}

/// <summary>
/// A Package URL (purl, ECMA-427): parsed, validated and normalized per the spec and the per-type rules, so that
/// <see cref="ToString"/> is always the canonical form and equality is equality of canonical forms.
/// </summary>
public sealed class PackageUrl : IEquatable<PackageUrl>
{
    private readonly string canonical;

    private PackageUrl(string type, string? @namespace, string name, string? version,
        IReadOnlyDictionary<string, string> qualifiers, string? subpath, string? source, bool sourceIsCanonical = false)
    {
        Type = type;
        Namespace = @namespace;
        Name = name;
        Version = version;
        Qualifiers = qualifiers;
        Subpath = subpath;
        canonical = sourceIsCanonical ? source! : Format(source);
    }

    /// <summary>For <see cref="CanonicalPurl"/>: normalized components read from <paramref name="canonical"/>, which
    /// <see cref="Format"/> would write again.</summary>
    internal static PackageUrl FromCanonical(string type, string? @namespace, string name, string? version,
        IReadOnlyDictionary<string, string> qualifiers, string? subpath, string canonical) =>
        new(type, @namespace, name, version, qualifiers, subpath, canonical, sourceIsCanonical: true);

    public string Type { get; }
    /// <summary>Decoded namespace; segments joined with '/'. Null when absent.</summary>
    public string? Namespace { get; }
    public string Name { get; }
    public string? Version { get; }
    /// <summary>Decoded qualifiers, keys lowercase and sorted (ordinal); empty values are dropped.</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }
    /// <summary>Decoded subpath, segments joined with '/', without '.', '..' or empty segments. Null when absent.</summary>
    public string? Subpath { get; }

    /// <summary>Parses per the spec's required rules; throws <see cref="PurlException"/> naming the wrong component.</summary>
    public static PackageUrl Parse(string text) => Parse(text, PurlParseMode.Strict);

    public static PackageUrl Parse(string text, PurlParseMode mode) => Parse(text, mode, default);

    /// <summary>Parses; components equal to one of <paramref name="hints"/> are that string (see <see cref="PurlComponentHints"/>).</summary>
    public static PackageUrl Parse(string text, PurlParseMode mode, PurlComponentHints hints)
    {
        if (text is null) throw new PurlException(PurlComponent.Scheme, "no purl given");
        return CanonicalPurl.TryRead(text, hints) ?? ParseFully(text, mode);
    }

    /// <summary>The full parse, which repairs, refuses or formats anything <see cref="CanonicalPurl"/> does not take.</summary>
    internal static PackageUrl ParseFully(string text, PurlParseMode mode)
    {
        var parts = PurlSyntax.Split(mode == PurlParseMode.Lenient ? text.Trim() : text);
        return Create(parts.Type, parts.Namespace, parts.Name, parts.Version, parts.Qualifiers, parts.Subpath,
            lowercaseKeys: mode == PurlParseMode.Lenient, source: text);
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out PackageUrl? purl, out PurlException? error) =>
        TryParse(text, PurlParseMode.Strict, out purl, out error);

    public static bool TryParse(string text, PurlParseMode mode, [NotNullWhen(true)] out PackageUrl? purl, out PurlException? error) =>
        TryParse(text, mode, default, out purl, out error);

    public static bool TryParse(string text, PurlParseMode mode, PurlComponentHints hints, [NotNullWhen(true)] out PackageUrl? purl,
        out PurlException? error)
    {
        try
        {
            purl = Parse(text, mode, hints);
            error = null;
            return true;
        }
        catch (PurlException e)
        {
            purl = null;
            error = e;
            return false;
        }
    }

    /// <summary>The canonical form of a purl, repairing what the spec's recommended tests repair (lenient parse).</summary>
    public static string Canonicalize(string text) => Parse(text, PurlParseMode.Lenient).ToString();

    /// <summary>Builds from decoded components, validating and normalizing them as parsing does (qualifier keys are lowercased).</summary>
    public static PackageUrl Build(string type, string? @namespace, string name, string? version = null,
        IReadOnlyDictionary<string, string>? qualifiers = null, string? subpath = null)
    {
        var namespaceSegments = @namespace is null ? null : SplitPath(@namespace);
        var pairs = qualifiers?.Select(q => new KeyValuePair<string, string>(q.Key, q.Value)).ToList();
        var subpathSegments = subpath is null ? null : SplitPath(subpath);
        return Create(type, namespaceSegments, name, version, pairs, subpathSegments, lowercaseKeys: true, source: null);
    }

    private static List<string> SplitPath(string path) => [.. path.Split('/')];

    private static PackageUrl Create(string? type, IReadOnlyList<string>? namespaceSegments, string? name, string? version,
        IReadOnlyList<KeyValuePair<string, string>>? qualifiers, IReadOnlyList<string>? subpathSegments, bool lowercaseKeys, string? source)
    {
        var normalizedType = PurlRules.Type(type);
        var rule = PurlTypeRules.For(normalizedType);
        if (rule.NameSpansPath && name is not null)
        {
            var segments = (namespaceSegments ?? []).Concat(name.Split('/')).Where(s => s.Length > 0).ToList();
            if (segments.Count > 1)
            {
                namespaceSegments = segments.Take(1).ToList();
                name = string.Join('/', segments.Skip(1));
            }
        }
        var normalizedQualifiers = PurlRules.Qualifiers(qualifiers, rule, lowercaseKeys);
        var normalizedNamespace = PurlRules.Namespace(namespaceSegments, rule);
        var normalizedName = PurlRules.Name(name, rule, normalizedQualifiers);
        var normalizedVersion = PurlRules.Version(version, rule);
        var normalizedSubpath = PurlRules.Subpath(subpathSegments);
        return new PackageUrl(normalizedType, normalizedNamespace, normalizedName, normalizedVersion, normalizedQualifiers,
            normalizedSubpath, source);
    }

    [ThreadStatic] private static StringBuilder? formatBuffer;

    /// <summary>The canonical text; <paramref name="source"/> itself when it already is (most purls in SBOMs are), so a big
    /// SBOM's purls are not held twice.</summary>
    private string Format(string? source)
    {
        var sb = formatBuffer ??= new StringBuilder(128);
        sb.Clear();
        sb.Append("pkg:").Append(Type).Append('/');
        if (Namespace is not null)
        {
            foreach (var segment in Namespace.AsSpan().Split('/'))
            {
                PercentEncoding.Encode(sb, Namespace.AsSpan()[segment]);
                sb.Append('/');
            }
        }
        if (PurlTypeRules.For(Type).NameSpansPath)
            AppendSegments(sb, Name);
        else
            PercentEncoding.Encode(sb, Name);
        if (Version is not null)
        {
            sb.Append('@');
            PercentEncoding.Encode(sb, Version);
        }
        var separator = '?';
        foreach (var (key, value) in Qualifiers)
        {
            sb.Append(separator).Append(key).Append('=');
            PercentEncoding.Encode(sb, value);
            separator = '&';
        }
        if (Subpath is not null)
        {
            sb.Append('#');
            AppendSegments(sb, Subpath);
        }
        var text = source is not null && sb.Equals(source.AsSpan()) ? source : sb.ToString();
        if (sb.Capacity > 1024) formatBuffer = null;
        return text;
    }

    private static void AppendSegments(StringBuilder sb, string path)
    {
        var first = true;
        foreach (var segment in path.AsSpan().Split('/'))
        {
            if (!first) sb.Append('/');
            PercentEncoding.Encode(sb, path.AsSpan()[segment]);
            first = false;
        }
    }

    /// <summary>The canonical form.</summary>
    public override string ToString() => canonical;

    public bool Equals(PackageUrl? other) => other is not null && string.Equals(canonical, other.canonical, StringComparison.Ordinal);
    public override bool Equals(object? obj) => Equals(obj as PackageUrl);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(canonical);
    public static bool operator ==(PackageUrl? left, PackageUrl? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(PackageUrl? left, PackageUrl? right) => !(left == right);
}
