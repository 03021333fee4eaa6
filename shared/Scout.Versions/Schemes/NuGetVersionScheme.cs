using System.Globalization;

namespace Scout.Versions.Schemes;

/// <summary>A NuGet version: four numbers and the release labels (metadata is kept out: it never orders).</summary>
public sealed record NuGetVersionValue(int Major, int Minor, int Patch, int Revision, string[] ReleaseLabels);

/// <summary>
/// NuGet ordering as NuGet.Versioning's NuGetVersion.TryParse and VersionComparer.Default do it: the trimmed string
/// splits at the first '-' or '+' into a System.Version of 1 to 4 parts (a lone number gets ".0"), '.'-separated
/// release labels of [0-9A-Za-z-] (numeric ones without leading zeros) and build metadata (ignored when
/// ordering). Labels: none beats some; numeric (Int32) before alphanumeric; alphanumeric case-insensitively.
/// </summary>
public sealed class NuGetVersionScheme : VersionScheme<NuGetVersionValue>
{
    public static readonly NuGetVersionScheme Instance = new();

    public override string Name => "nuget";

    protected override NuGetVersionValue? Parse(string version)
    {
        var value = version.Trim();
        if (value.Length == 0) return null;
        var (core, labels, metadata) = Sections(value);
        if (string.IsNullOrEmpty(core)) return null;
        if (!core.Contains('.')) core += ".0";
        if (!Version.TryParse(core, out var system)) return null;
        if (labels is not null && !labels.All(l => IsValidPart(l, allowLeadingZeros: false))) return null;
        if (metadata is not null && !metadata.Split('.').All(m => IsValidPart(m, allowLeadingZeros: true))) return null;
        return new NuGetVersionValue(system.Major, system.Minor, Math.Max(system.Build, 0), Math.Max(system.Revision, 0), labels ?? []);
    }

    // NuGet's section split: quirks included ("1.0-" keeps the '-' in the version part, so it fails to parse).
    private static (string? Core, string[]? Labels, string? Metadata) Sections(string value)
    {
        string? core = null;
        string[]? labels = null;
        string? metadata = null;
        int dash = -1, plus = -1;
        for (var i = 0; i < value.Length; i++)
        {
            var end = i == value.Length - 1;
            if (dash < 0)
            {
                if (end || value[i] == '-' || value[i] == '+')
                {
                    core = value[..(i + (end ? 1 : 0))];
                    dash = i;
                    if (value[i] == '+') plus = i;
                }
            }
            else if (plus < 0)
            {
                if (end || value[i] == '+')
                {
                    var start = dash + 1;
                    labels = value[start..(i + (end ? 1 : 0))].Split('.');
                    plus = i;
                }
            }
            else if (end)
            {
                metadata = value[(plus + 1)..(i + 1)];
            }
        }
        return (core, labels, metadata);
    }

    private static bool IsValidPart(string s, bool allowLeadingZeros)
    {
        if (s.Length == 0) return false;
        if (!allowLeadingZeros && s.Length > 1 && s[0] == '0' && s.Skip(1).All(char.IsAsciiDigit)) return false;
        return s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    protected override int CompareParsed(NuGetVersionValue a, NuGetVersionValue b)
    {
        var c = a.Major.CompareTo(b.Major);
        if (c == 0) c = a.Minor.CompareTo(b.Minor);
        if (c == 0) c = a.Patch.CompareTo(b.Patch);
        if (c == 0) c = a.Revision.CompareTo(b.Revision);
        if (c != 0) return c;
        if (a.ReleaseLabels.Length == 0 || b.ReleaseLabels.Length == 0)
            return a.ReleaseLabels.Length == 0 ? (b.ReleaseLabels.Length == 0 ? 0 : 1) : -1;
        for (var i = 0; i < Math.Max(a.ReleaseLabels.Length, b.ReleaseLabels.Length); i++)
        {
            if (i >= a.ReleaseLabels.Length) return -1;
            if (i >= b.ReleaseLabels.Length) return 1;
            c = CompareLabel(a.ReleaseLabels[i], b.ReleaseLabels[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareLabel(string a, string b)
    {
        var aNumeric = int.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var an);
        var bNumeric = int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bn);
        if (aNumeric && bNumeric) return an.CompareTo(bn);
        if (aNumeric || bNumeric) return aNumeric ? -1 : 1;
        return StringComparer.OrdinalIgnoreCase.Compare(a, b);
    }
}
