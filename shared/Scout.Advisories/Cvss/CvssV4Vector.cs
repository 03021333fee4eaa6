namespace Scout.Advisories.Cvss;

/// <summary>
/// A parsed CVSS v4.0 vector string (FIRST CVSS v4.0 specification, section 7). The eleven base metrics are
/// mandatory; threat, environmental and supplemental metrics are optional. Every metric present must appear in the
/// specification's order (which also rules out repeats) with one of its defined values; anything else is an invalid
/// vector, reported as an error, never thrown.
/// </summary>
public sealed class CvssV4Vector
{
    public const string Prefix = "CVSS:4.0";
    private const int BaseMetricCount = 11;

    // The specification's metric order; values are case-sensitive as written.
    private static readonly (string Metric, string[] Values)[] metricOrder =
    [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
        ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
        ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ("E", ["X", "A", "P", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]),
        ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
        ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]),
        ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ];

    // Unset (or "X") threat and security-requirement metrics take their worst case (spec section 7, "Not Defined").
    private static readonly Dictionary<string, string> worstCase = new() { ["E"] = "A", ["CR"] = "H", ["IR"] = "H", ["AR"] = "H" };

    private readonly Dictionary<string, string> metrics;

    private CvssV4Vector(Dictionary<string, string> metrics) => this.metrics = metrics;

    /// <summary>Parses a vector; returns null with a reason when it is not a valid CVSS v4.0 vector.</summary>
    public static CvssV4Vector? Parse(string? vector, out string? error)
    {
        error = null;
        var parts = (vector ?? "").Trim().Split('/');
        if (parts[0] != Prefix)
        {
            error = "not a CVSS:4.0 vector";
            return null;
        }
        var metrics = new Dictionary<string, string>();
        var next = 0;
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0) { error = $"bad metric '{part}'"; return null; }
            var (key, value) = (part[..colon], part[(colon + 1)..]);
            while (next < metricOrder.Length && metricOrder[next].Metric != key)
            {
                if (next < BaseMetricCount) { error = $"base metric {metricOrder[next].Metric} missing or out of order"; return null; }
                next++;
            }
            if (next == metricOrder.Length)
            {
                error = metrics.ContainsKey(key) ? $"metric {key} repeated" : $"unknown or out-of-order metric '{part}'";
                return null;
            }
            if (!metricOrder[next].Values.Contains(value)) { error = $"invalid value in '{part}'"; return null; }
            metrics[key] = value;
            next++;
        }
        if (next < BaseMetricCount)
        {
            error = "missing base metrics " + string.Join(",", metricOrder.Take(BaseMetricCount).Skip(next).Select(m => m.Metric));
            return null;
        }
        return new CvssV4Vector(metrics);
    }

    /// <summary>The value as written, or "X" (Not Defined) for an absent optional metric.</summary>
    public string Written(string metric) => metrics.GetValueOrDefault(metric, "X");

    /// <summary>
    /// The value scoring uses: a defined modified metric (MAV, MSI, ...) replaces its base metric, and an undefined
    /// E/CR/IR/AR counts as its worst case.
    /// </summary>
    public string Effective(string metric)
    {
        var written = Written(metric);
        if (written == "X" && worstCase.TryGetValue(metric, out var worst)) return worst;
        var modified = Written("M" + metric);
        return modified != "X" ? modified : written;
    }
}
