using System.Text.RegularExpressions;

namespace Scout.Sbom;

/// <summary>
/// The parts of the CycloneDX schema worth checking while reading: where meaning stays intact we load and warn
/// (a bad hash, an unknown scope); the spec version decides whether we read at all.
/// </summary>
internal static partial class CycloneDxRules
{
    public static readonly HashSet<string> ComponentTypes =
    [
        "application", "framework", "library", "container", "platform", "operating-system", "device", "device-driver",
        "firmware", "file", "machine-learning-model", "data", "cryptographic-asset",
    ];

    public static readonly HashSet<string> Scopes = ["required", "optional", "excluded"];

    public static readonly HashSet<string> PatchTypes = ["unofficial", "monkey", "backport", "cherry-pick"];

    public static readonly HashSet<string> IssueTypes = ["defect", "enhancement", "security"];

    public static readonly HashSet<string> DataFlows = ["inbound", "outbound", "bi-directional", "unknown"];

    public static readonly HashSet<string> TlpLevels = ["CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED"];

    /// <summary>Fields of metadata across 1.0 to 1.7; the schema forbids any other.</summary>
    public static readonly HashSet<string> MetadataFields =
    [
        "timestamp", "lifecycles", "tools", "authors", "component", "manufacture", "manufacturer", "supplier", "licenses",
        "properties", "distributionConstraints",
    ];

    public static string UnknownMetadataField(string name) => name == "distribution"
        ? "'distribution' is not a CycloneDX metadata field (distribution limits go in distributionConstraints.tlp); ignored"
        : $"'{name}' is not a CycloneDX metadata field; ignored";

    private static readonly Dictionary<string, int[]> hashLengths = new(StringComparer.Ordinal)
    {
        ["MD5"] = [32], ["SHA-1"] = [40], ["SHA-256"] = [64], ["SHA-384"] = [96], ["SHA-512"] = [128],
        ["SHA3-256"] = [64], ["SHA3-384"] = [96], ["SHA3-512"] = [128], ["BLAKE2b-256"] = [64], ["BLAKE2b-384"] = [96],
        ["BLAKE2b-512"] = [128], ["BLAKE3"] = [], ["Streebog-256"] = [64], ["Streebog-512"] = [128],
    };

    /// <summary>The algorithm names above, for reading them without allocating a string each.</summary>
    public static readonly HashSet<string> HashAlgorithms = new(hashLengths.Keys, StringComparer.Ordinal);

    /// <summary>Spec versions this reader knows; a 1.x beyond them is read with a warning, anything else is refused.</summary>
    public static readonly string[] KnownVersions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"];

    /// <summary>Null when the version can be read; otherwise why not.</summary>
    public static string? CheckSpecVersion(string? version, out string? warning)
    {
        warning = null;
        if (version is null)
        {
            warning = "specVersion is missing; read as the newest known version";
            return null;
        }
        if (KnownVersions.Contains(version)) return null;
        if (Version.TryParse(version, out var v) && v.Major == 1 && v.Minor > 7)
        {
            warning = $"specVersion {version} is newer than this reader knows (1.7); read as 1.7";
            return null;
        }
        return $"unsupported CycloneDX specVersion '{version}' (supported: 1.0 to 1.7)";
    }

    public static string? CheckHash(string? alg, string? content) =>
        CheckHash(alg, content?.Length ?? -1, content is not null && HexPattern().IsMatch(content));

    public static string? CheckHash(string? alg, int contentLength, bool contentIsHex)
    {
        if (alg is null || !hashLengths.TryGetValue(alg, out var lengths)) return $"unknown hash algorithm '{alg}'";
        if (contentLength < 0 || !contentIsHex) return $"{alg} hash is not hexadecimal";
        if (lengths.Length > 0 && !lengths.Contains(contentLength)) return $"{alg} hash has {contentLength} hex digits";
        return null;
    }

    public static bool IsSerialNumber(string s) => SerialPattern().IsMatch(s);

    public static bool IsTimestamp(string s) => DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.None, out _) && s.Contains('T');

    [GeneratedRegex("^[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex SerialPattern();
}
