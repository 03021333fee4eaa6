using System.Text.RegularExpressions;

namespace Scout.Versions.Schemes;

/// <summary>A Packagist version after composer/semver's VersionParser::normalize (e.g. "1.2.0.0-beta1").</summary>
public sealed record ComposerVersion(string Normalized)
{
    /// <summary>The form PHP's version_compare works on, computed once.</summary>
    internal string Canonical { get; } = PhpVersionCompare.Prepare(Normalized);
}

/// <summary>
/// Packagist ordering as Composer does it: composer/semver's VersionParser::normalize (trim, alias and
/// @stability stripped, build metadata dropped, 'v' prefix, up to four numbers padded with ".0", date versions,
/// stability suffixes expanded: a/alpha, b/beta, RC, p/pl/patch, -dev; numeric "X.Y.x-dev" branches), then
/// Constraint::versionCompare, i.e. PHP's version_compare on the normalized strings. A string normalize rejects
/// is invalid; so is a "dev-*" branch, which Composer never orders against anything.
/// </summary>
public sealed partial class ComposerVersionScheme : VersionScheme<ComposerVersion>
{
    public static readonly ComposerVersionScheme Instance = new();

    public override string Name => "composer";

    // composer/semver's patterns, with PCRE possessive quantifiers written as .NET atomic groups, PCRE's ASCII
    // \d and \s spelled out.
    private const string Modifier = @"[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?>(?:[.-]?[0-9]+)*))?)?([.-]?dev)?";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"^([^, \t\n\x0B\f\r]+) +as +([^, \t\n\x0B\f\r]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Alias();

    [GeneratedRegex("@(?:stable|RC|beta|alpha|dev)$", Options)]
    private static partial Regex StabilityFlag();

    [GeneratedRegex(@"^([^, \t\n\x0B\f\r+]+)\+[^ \t\n\x0B\f\r]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildMetadata();

    [GeneratedRegex(@"^v?([0-9]{1,5})(\.(?>[0-9]+))?(\.(?>[0-9]+))?(\.(?>[0-9]+))?" + Modifier + "$", Options)]
    private static partial Regex Classical();

    [GeneratedRegex(@"^v?([0-9]{4}(?:[.:-]?[0-9]{2}){1,6}(?:[.:-]?[0-9]{1,3})?)" + Modifier + "$", Options)]
    private static partial Regex DateBased();

    [GeneratedRegex(@"(.*?)[.-]?dev$", Options)]
    private static partial Regex DevSuffix();

    [GeneratedRegex(@"^v?((?>[0-9]+))(\.(?:(?>[0-9]+)|[xX*]))?(\.(?:(?>[0-9]+)|[xX*]))?(\.(?:(?>[0-9]+)|[xX*]))?$", Options)]
    private static partial Regex NumericBranch();

    protected override ComposerVersion? Parse(string version)
    {
        var normalized = Normalize(version);
        return normalized is null || normalized.StartsWith("dev-", StringComparison.Ordinal) ? null : new ComposerVersion(normalized);
    }

    protected override int CompareParsed(ComposerVersion a, ComposerVersion b) => PhpVersionCompare.CompareCanonical(a.Canonical, b.Canonical);

    private static string PhpTrim(string s) => s.Trim(' ', '\t', '\n', '\r', '\0', '\x0B');

    /// <summary>VersionParser::normalize; null where it throws UnexpectedValueException.</summary>
    public static string? Normalize(string input)
    {
        var version = PhpTrim(input);
        var alias = Alias().Match(version);
        if (alias.Success) version = alias.Groups[1].Value;
        var flag = StabilityFlag().Match(version);
        if (flag.Success) version = version[..^flag.Length];
        if (version is "master" or "trunk" or "default") version = "dev-" + version;
        if (version.StartsWith("dev-", StringComparison.OrdinalIgnoreCase)) return "dev-" + version[4..];
        var build = BuildMetadata().Match(version);
        if (build.Success) version = build.Groups[1].Value;

        string? result = null;
        Match m;
        int index;
        if ((m = Classical().Match(version)).Success)
        {
            result = m.Groups[1].Value + Or(m.Groups[2], ".0") + Or(m.Groups[3], ".0") + Or(m.Groups[4], ".0");
            index = 5;
        }
        else if ((m = DateBased().Match(version)).Success)
        {
            result = Regex.Replace(m.Groups[1].Value, "[^0-9]", ".");
            index = 2;
        }
        else
        {
            index = 0;
        }

        if (result is not null)
        {
            var stability = m.Groups[index];
            if (stability.Success && stability.Value.Length > 0)
            {
                if (stability.Value == "stable") return result;
                var digits = m.Groups[index + 1];
                result += "-" + ExpandStability(stability.Value) + (digits.Success && digits.Value.Length > 0 ? digits.Value.TrimStart('.', '-') : "");
            }
            if (m.Groups[index + 2].Success && m.Groups[index + 2].Value.Length > 0) result += "-dev";
            return result;
        }

        var dev = DevSuffix().Match(version);
        if (dev.Success)
        {
            var branch = NormalizeBranch(dev.Groups[1].Value);
            if (!branch.Contains("dev-", StringComparison.Ordinal)) return branch;
        }
        return null;
    }

    // PHP's empty(): "" and "0" are empty.
    private static string Or(Group g, string fallback) => g.Success && g.Value is not ("" or "0") ? g.Value : fallback;

    private static string ExpandStability(string stability) => stability.ToLowerInvariant() switch
    {
        "a" => "alpha",
        "b" => "beta",
        "p" or "pl" => "patch",
        "rc" => "RC",
        var other => other,
    };

    private static string NormalizeBranch(string name)
    {
        name = PhpTrim(name);
        var m = NumericBranch().Match(name);
        if (!m.Success) return "dev-" + name;
        var version = "";
        for (var i = 1; i < 5; i++)
            version += m.Groups[i].Success ? m.Groups[i].Value.Replace('*', 'x').Replace('X', 'x') : ".x";
        return version.Replace("x", "9999999", StringComparison.Ordinal) + "-dev";
    }
}
