using System.Text.RegularExpressions;

namespace Scout.Purl;

internal enum Requirement { Optional, Required, Prohibited }

/// <summary>
/// What the purl type definitions (purl-spec types/*-definition.json) say about one type: which components are
/// required or prohibited, which are case-insensitive (so lowercased), and type-specific validity. Adding a type
/// is one entry in <see cref="PurlTypeRules.Known"/>; unknown types follow the generic rules only.
/// </summary>
internal sealed record PurlTypeRule(string Type)
{
    public Requirement Namespace { get; init; } = Requirement.Optional;
    public bool LowercaseNamespace { get; init; }
    public bool UppercaseNamespace { get; init; }
    public bool LowercaseName { get; init; }
    public bool LowercaseVersion { get; init; }
    public int? MaxNamespaceSegments { get; init; }
    /// <summary>git: the namespace is the host (first segment) and the name is the whole repository path after it.</summary>
    public bool NameSpansPath { get; init; }
    public string[] RequiredQualifiers { get; init; } = [];
    public Regex? NamePattern { get; init; }
    public Regex? VersionPattern { get; init; }
    /// <summary>Rewrites the (already case-folded) name, e.g. PyPI's '_' -> '-'.</summary>
    public Func<string, string>? NormalizeName { get; init; }
    /// <summary>Name case-folding that depends on qualifiers (mlflow: Databricks servers are case-insensitive).</summary>
    public Func<IReadOnlyDictionary<string, string>, bool>? LowercaseNameWhen { get; init; }
    /// <summary>Extra validity check of the name; returns a reason when invalid.</summary>
    public Func<string, string?>? CheckName { get; init; }
}

internal static partial class PurlTypeRules
{
    private static readonly PurlTypeRule[] Table =
    [
        new("alpm") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        new("apk") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        new("bazel") { Namespace = Requirement.Prohibited },
        new("bitbucket") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        new("bitnami") { Namespace = Requirement.Prohibited, LowercaseName = true },
        new("brew") { LowercaseNamespace = true, LowercaseName = true },
        new("cargo") { Namespace = Requirement.Prohibited },
        new("chrome-extension")
        {
            Namespace = Requirement.Prohibited, LowercaseName = true,
            NamePattern = ChromeExtensionId(),
            VersionPattern = ChromeExtensionVersion(),
        },
        new("cocoapods") { Namespace = Requirement.Prohibited },
        new("composer") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        new("conan"),
        new("conda") { Namespace = Requirement.Prohibited },
        new("cpan")
        {
            UppercaseNamespace = true,
            CheckName = name => name.Contains("::", StringComparison.Ordinal)
                ? "a CPAN distribution name cannot contain '::' (that is a module name)" : null,
        },
        new("cran") { Namespace = Requirement.Prohibited },
        new("deb") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        new("docker"),
        new("gem") { Namespace = Requirement.Prohibited },
        new("generic"),
        // The git definition calls namespace and name case sensitive, but its own tests lowercase both: tests win.
        new("git") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true, NameSpansPath = true },
        new("github") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true },
        // golang-definition.json calls the namespace required, yet a Go module path may be one segment
        // ("go.opencensus.io", seen in real SBOMs) and OSV itself writes "pkg:golang/stdlib"; no conformance case
        // asserts the failure, so an absent namespace is accepted rather than losing those packages.
        new("golang"),
        new("hackage") { Namespace = Requirement.Prohibited },
        new("hex") { LowercaseNamespace = true, LowercaseName = true },
        new("huggingface") { Namespace = Requirement.Required, LowercaseVersion = true },
        new("julia") { Namespace = Requirement.Prohibited, RequiredQualifiers = ["uuid"] },
        new("luarocks") { LowercaseNamespace = true, LowercaseName = true },
        new("maven") { Namespace = Requirement.Required },
        new("mlflow")
        {
            Namespace = Requirement.Prohibited,
            LowercaseNameWhen = q => q.TryGetValue("repository_url", out var url)
                && url.Contains("azuredatabricks.net", StringComparison.OrdinalIgnoreCase),
        },
        new("npm"),
        new("nuget") { Namespace = Requirement.Prohibited },
        new("oci") { Namespace = Requirement.Prohibited, LowercaseName = true, LowercaseVersion = true },
        new("opam") { Namespace = Requirement.Prohibited },
        new("otp") { Namespace = Requirement.Prohibited, LowercaseName = true },
        new("pub") { Namespace = Requirement.Prohibited, LowercaseName = true, NormalizeName = PubName },
        new("pypi") { Namespace = Requirement.Prohibited, LowercaseName = true, LowercaseVersion = true, NormalizeName = n => n.Replace('_', '-') },
        new("qpkg") { Namespace = Requirement.Required, LowercaseNamespace = true },
        new("rpm") { Namespace = Requirement.Required, LowercaseNamespace = true },
        new("swid") { MaxNamespaceSegments = 2, RequiredQualifiers = ["tag_id"] },
        new("swift") { Namespace = Requirement.Required },
        new("vcpkg") { Namespace = Requirement.Prohibited },
        new("vscode-extension") { Namespace = Requirement.Required, LowercaseNamespace = true, LowercaseName = true, LowercaseVersion = true },
        new("yocto") { LowercaseNamespace = true },
    ];

    private static readonly Dictionary<string, PurlTypeRule> byType = ByType(Table);

    public static readonly IReadOnlyDictionary<string, PurlTypeRule> Known = byType;

    /// <summary>The known type's own string when <paramref name="text"/> spells it exactly (no new string per parsed purl).</summary>
    public static string? KnownType(ReadOnlySpan<char> text) => byTypeBySpan.TryGetValue(text, out var rule) ? rule.Type : null;

    // The two-argument lookup: the three-argument one has no precompiled code and would run unoptimized.
    private static readonly Dictionary<string, PurlTypeRule>.AlternateLookup<ReadOnlySpan<char>> byTypeBySpan =
        byType.GetAlternateLookup<ReadOnlySpan<char>>();

    // The types whose rules CanonicalPurl checks itself: case folding, required/prohibited namespace, name rewriting.
    // Patterns, name checks, required qualifiers, segment limits and git's path-spanning name are left to the full parse.
    private static readonly Dictionary<string, PurlTypeRule> canonicalReadable = ByType(Array.FindAll(Table, r =>
        !r.NameSpansPath && r.NamePattern is null && r.VersionPattern is null && r.CheckName is null
        && r.LowercaseNameWhen is null && r.RequiredQualifiers.Length == 0 && r.MaxNamespaceSegments is null && !r.UppercaseNamespace));

    // Loops, not LINQ: the first purl a process reads builds these, and LINQ over our own types has no precompiled code.
    private static Dictionary<string, PurlTypeRule> ByType(PurlTypeRule[] rules)
    {
        var byName = new Dictionary<string, PurlTypeRule>(rules.Length, StringComparer.Ordinal);
        foreach (var rule in rules) byName.Add(rule.Type, rule);
        return byName;
    }

    private static readonly Dictionary<string, PurlTypeRule>.AlternateLookup<ReadOnlySpan<char>> canonicalReadableBySpan =
        canonicalReadable.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The rule of a type spelled exactly (lowercase) whose rules <see cref="CanonicalPurl"/> checks, else null.</summary>
    public static PurlTypeRule? CanonicalReadable(ReadOnlySpan<char> type) =>
        canonicalReadableBySpan.TryGetValue(type, out var rule) ? rule : null;

    public static PurlTypeRule For(string type) => Known.TryGetValue(type, out var rule) ? rule : new PurlTypeRule(type);

    // pub: only [a-z0-9_] exist; anything else is replaced with '_' (type definition normalization rule).
    private static string PubName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '_')) chars[i] = '_';
        return new string(chars);
    }

    // Source-generated: built at compile time, not parsed and set up when the first purl of any type is read.
    [GeneratedRegex("^[a-p]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChromeExtensionId();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChromeExtensionVersion();
}
