namespace Scout.Advisories.Cvss;

/// <summary>
/// CVSS v3.0 / v3.1 base score, per the FIRST specification (section 7.1 formulas, Appendix A Roundup).
/// Temporal and environmental metrics in a vector are validated for shape and otherwise ignored: the base score
/// is what advisories publish and what severity is derived from.
/// </summary>
public static class CvssV3
{
    private static readonly HashSet<string> baseMetrics = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];
    private static readonly Dictionary<string, string[]> optionalMetrics = new()
    {
        ["E"] = ["X", "U", "P", "F", "H"], ["RL"] = ["X", "O", "T", "W", "U"], ["RC"] = ["X", "U", "R", "C"],
        ["CR"] = ["X", "L", "M", "H"], ["IR"] = ["X", "L", "M", "H"], ["AR"] = ["X", "L", "M", "H"],
        ["MAV"] = ["X", "N", "A", "L", "P"], ["MAC"] = ["X", "L", "H"], ["MPR"] = ["X", "N", "L", "H"],
        ["MUI"] = ["X", "N", "R"], ["MS"] = ["X", "U", "C"], ["MC"] = ["X", "N", "L", "H"], ["MI"] = ["X", "N", "L", "H"], ["MA"] = ["X", "N", "L", "H"],
    };

    /// <summary>Returns the base score, or null with a reason when the vector is not a valid CVSS v3 vector.</summary>
    public static double? BaseScore(string vector, out string? error)
    {
        error = null;
        var parts = vector.Trim().Split('/');
        if (parts.Length == 0 || parts[0] is not ("CVSS:3.0" or "CVSS:3.1"))
        {
            error = "not a CVSS:3.x vector";
            return null;
        }
        var v31 = parts[0] == "CVSS:3.1";
        var m = new Dictionary<string, string>();
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0) { error = $"bad metric '{part}'"; return null; }
            var (key, val) = (part[..colon], part[(colon + 1)..]);
            if (!baseMetrics.Contains(key) && !(optionalMetrics.TryGetValue(key, out var allowed) && allowed.Contains(val)))
            { error = $"unknown metric '{part}'"; return null; }
            if (!m.TryAdd(key, val)) { error = $"metric {key} repeated"; return null; }
        }
        var missing = baseMetrics.Where(k => !m.ContainsKey(k)).ToList();
        if (missing.Count > 0) { error = "missing base metrics " + string.Join(",", missing); return null; }

        var changed = m["S"] switch { "U" => false, "C" => true, _ => (bool?)null };
        double? av = m["AV"] switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = m["AC"] switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = m["PR"] switch { "N" => 0.85, "L" => changed == true ? 0.68 : 0.62, "H" => changed == true ? 0.5 : 0.27, _ => null };
        double? ui = m["UI"] switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? c = Cia(m["C"]), i = Cia(m["I"]), a = Cia(m["A"]);
        if (changed == null || av == null || ac == null || pr == null || ui == null || c == null || i == null || a == null)
        {
            error = "a base metric has an invalid value";
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed.Value ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0) return 0.0;
        var raw = changed.Value ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10);
        return v31 ? Roundup31(raw) : Math.Ceiling(raw * 10) / 10;
    }

    private static double? Cia(string v) => v switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };

    /// <summary>CVSS 3.1 Appendix A: round up to one decimal without floating-point surprises.</summary>
    private static double Roundup31(double input)
    {
        var intInput = (long)Math.Round(input * 100000);
        return intInput % 10000 == 0 ? intInput / 100000.0 : (Math.Floor(intInput / 10000.0) + 1) / 10.0;
    }
}
