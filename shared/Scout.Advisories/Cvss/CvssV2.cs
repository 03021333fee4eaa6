namespace Scout.Advisories.Cvss;

/// <summary>CVSS v2 base score (the v2 guide, section 3.2.1). Older advisories still carry only these.</summary>
public static class CvssV2
{
    public static double? BaseScore(string vector, out string? error)
    {
        error = null;
        var m = new Dictionary<string, string>();
        var text = vector.Trim();
        if (text.StartsWith('(') && text.EndsWith(')')) text = text[1..^1];
        foreach (var part in text.Split('/'))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0) { error = $"bad metric '{part}'"; return null; }
            m[part[..colon]] = part[(colon + 1)..];
        }
        double? av = Get(m, "AV") switch { "L" => 0.395, "A" => 0.646, "N" => 1.0, _ => null };
        double? ac = Get(m, "AC") switch { "H" => 0.35, "M" => 0.61, "L" => 0.71, _ => null };
        double? au = Get(m, "Au") switch { "M" => 0.45, "S" => 0.56, "N" => 0.704, _ => null };
        double? c = Cia(Get(m, "C")), i = Cia(Get(m, "I")), a = Cia(Get(m, "A"));
        if (av == null || ac == null || au == null || c == null || i == null || a == null)
        {
            error = "not a complete CVSS v2 base vector";
            return null;
        }
        var impact = 10.41 * (1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value)));
        var exploitability = 20 * av.Value * ac.Value * au.Value;
        var f = impact == 0 ? 0 : 1.176;
        var score = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
        return Math.Round(score, 1, MidpointRounding.AwayFromZero);
    }

    private static string? Get(Dictionary<string, string> m, string k) => m.TryGetValue(k, out var v) ? v : null;
    private static double? Cia(string? v) => v switch { "N" => 0.0, "P" => 0.275, "C" => 0.660, _ => null };
}
