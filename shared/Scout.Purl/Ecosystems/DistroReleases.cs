using System.Text.RegularExpressions;

namespace Scout.Purl.Ecosystems;

/// <summary>
/// Release names and numbers of Debian and Ubuntu as OSV spells them in ecosystem strings. Only explicit
/// releases are resolved; an unknown codename stays unresolved (we never guess a release).
/// </summary>
internal static partial class DistroReleases
{
    // Debian releases before 7 are numbered major.minor in OSV ("Debian:3.0", "Debian:6.0"); from 7 on, major only.
    private static readonly Dictionary<string, string> DebianCodenames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["buzz"] = "1.1", ["rex"] = "1.2", ["bo"] = "1.3", ["hamm"] = "2.0", ["slink"] = "2.1", ["potato"] = "2.2",
        ["woody"] = "3.0", ["sarge"] = "3.1", ["etch"] = "4.0", ["lenny"] = "5.0", ["squeeze"] = "6.0",
        ["wheezy"] = "7", ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10", ["bullseye"] = "11",
        ["bookworm"] = "12", ["trixie"] = "13", ["forky"] = "14", ["duke"] = "15",
    };

    private static readonly Dictionary<string, string> UbuntuCodenames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["warty"] = "4.10", ["hoary"] = "5.04", ["breezy"] = "5.10", ["dapper"] = "6.06", ["edgy"] = "6.10",
        ["feisty"] = "7.04", ["gutsy"] = "7.10", ["hardy"] = "8.04", ["intrepid"] = "8.10", ["jaunty"] = "9.04",
        ["karmic"] = "9.10", ["lucid"] = "10.04", ["maverick"] = "10.10", ["natty"] = "11.04", ["oneiric"] = "11.10",
        ["precise"] = "12.04", ["quantal"] = "12.10", ["raring"] = "13.04", ["saucy"] = "13.10", ["trusty"] = "14.04",
        ["utopic"] = "14.10", ["vivid"] = "15.04", ["wily"] = "15.10", ["xenial"] = "16.04", ["yakkety"] = "16.10",
        ["zesty"] = "17.04", ["artful"] = "17.10", ["bionic"] = "18.04", ["cosmic"] = "18.10", ["disco"] = "19.04",
        ["eoan"] = "19.10", ["focal"] = "20.04", ["groovy"] = "20.10", ["hirsute"] = "21.04", ["impish"] = "21.10",
        ["jammy"] = "22.04", ["kinetic"] = "22.10", ["lunar"] = "23.04", ["mantic"] = "23.10", ["noble"] = "24.04",
        ["oracular"] = "24.10", ["plucky"] = "25.04", ["questing"] = "25.10", ["resolute"] = "26.04",
    };

    /// <summary>"12", "12.5", "6.0.10", "bookworm" -> the OSV release ("12", "6.0"); null when unknown.</summary>
    public static string? Debian(string release)
    {
        if (DebianCodenames.TryGetValue(release, out var known)) return known;
        var m = VersionNumber().Match(release);
        if (!m.Success) return null;
        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (major >= 7) return major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var majorMinor = $"{major}.{(m.Groups[2].Success ? m.Groups[2].Value : "0")}";
        return DebianCodenames.ContainsValue(majorMinor) ? majorMinor : null;
    }

    /// <summary>"22.04", "22.04.3", "jammy" -> "22.04"; null when not a known Ubuntu release.</summary>
    public static string? Ubuntu(string release)
    {
        if (UbuntuCodenames.TryGetValue(release, out var known)) return known;
        var m = VersionNumber().Match(release);
        if (!m.Success || !m.Groups[2].Success) return null;
        var candidate = $"{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)}.{m.Groups[2].Value}";
        return UbuntuCodenames.ContainsValue(candidate) ? candidate : null;
    }

    /// <summary>"3.18.4", "v3.18", "3.18" -> "v3.18" (Alpine branches are major.minor); null otherwise.</summary>
    public static string? Alpine(string release)
    {
        var m = VersionNumber().Match(release.StartsWith('v') ? release[1..] : release);
        return m.Success && m.Groups[2].Success ? $"v{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)}.{int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)}" : null;
    }

    /// <summary>"5.0", "3.0.1" -> "5.0", "3.0"; null when not MAJOR.MINOR[.PATCH].</summary>
    public static string? MajorMinor(string release)
    {
        var m = VersionNumber().Match(release);
        return m.Success && m.Groups[2].Success ? $"{m.Groups[1].Value}.{m.Groups[2].Value}" : null;
    }

    /// <summary>The major number of an RPM distribution release ("9", "9.2", "7.6.1810", "9-aarch64"); null otherwise.</summary>
    public static string? Major(string release)
    {
        var m = LeadingMajor().Match(release);
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^([0-9]{1,3})(?:\.([0-9]{1,3}))?(?:\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"^([0-9]{1,3})(?:[.\-_][0-9A-Za-z_.\-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMajor();
}
