namespace Scout.Advisories.Cvss;

/// <summary>
/// CVSS v4.0 score per the FIRST specification (section 8): the vector's macrovector (equivalence classes EQ1..EQ6)
/// gives the score of its highest-severity vector from the published table; the score then moves down towards the
/// next lower macrovector of each EQ in proportion to how far the vector is from that EQ's highest-severity vector,
/// averaged over the EQs that have a lower macrovector, and is rounded half-up to one decimal.
/// Threat (E) and environmental metrics take part where present (CVSS-BT / -BE / -BTE); supplemental ones never do.
/// </summary>
public static class CvssV4
{
    private const double Step = 0.1;

    // Severity level of each metric value in steps of 0.1 (0 = most severe), as the specification's distance uses.
    private static readonly Dictionary<string, Dictionary<string, double>> levels = new()
    {
        ["AV"] = new() { ["N"] = 0.0, ["A"] = 0.1, ["L"] = 0.2, ["P"] = 0.3 },
        ["PR"] = new() { ["N"] = 0.0, ["L"] = 0.1, ["H"] = 0.2 },
        ["UI"] = new() { ["N"] = 0.0, ["P"] = 0.1, ["A"] = 0.2 },
        ["AC"] = new() { ["L"] = 0.0, ["H"] = 0.1 },
        ["AT"] = new() { ["N"] = 0.0, ["P"] = 0.1 },
        ["VC"] = new() { ["H"] = 0.0, ["L"] = 0.1, ["N"] = 0.2 },
        ["VI"] = new() { ["H"] = 0.0, ["L"] = 0.1, ["N"] = 0.2 },
        ["VA"] = new() { ["H"] = 0.0, ["L"] = 0.1, ["N"] = 0.2 },
        ["SC"] = new() { ["H"] = 0.1, ["L"] = 0.2, ["N"] = 0.3 },
        ["SI"] = new() { ["S"] = 0.0, ["H"] = 0.1, ["L"] = 0.2, ["N"] = 0.3 },
        ["SA"] = new() { ["S"] = 0.0, ["H"] = 0.1, ["L"] = 0.2, ["N"] = 0.3 },
        ["CR"] = new() { ["H"] = 0.0, ["M"] = 0.1, ["L"] = 0.2 },
        ["IR"] = new() { ["H"] = 0.0, ["M"] = 0.1, ["L"] = 0.2 },
        ["AR"] = new() { ["H"] = 0.0, ["M"] = 0.1, ["L"] = 0.2 },
    };

    private static readonly string[] eq1Metrics = ["AV", "PR", "UI"], eq2Metrics = ["AC", "AT"],
        eq3Eq6Metrics = ["VC", "VI", "VA", "CR", "IR", "AR"], eq4Metrics = ["SC", "SI", "SA"];

    /// <summary>Returns the score, or null with a reason when the vector is not a valid CVSS v4.0 vector.</summary>
    public static double? Score(string vector, out string? error)
    {
        var parsed = CvssV4Vector.Parse(vector, out error);
        return parsed == null ? null : Score(parsed);
    }

    public static double Score(CvssV4Vector v)
    {
        // No impact on either system: the specification scores 0 whatever the exploitability.
        if (new[] { "VC", "VI", "VA", "SC", "SI", "SA" }.All(m => v.Effective(m) == "N")) return 0.0;

        var eq = MacroVector(v);
        var macro = string.Concat(eq);
        var value = CvssV4Lookup.MacroVectorScore[macro];

        var lowerEq1 = LowerScore(eq, (0, 1));
        var lowerEq2 = LowerScore(eq, (1, 1));
        double? lowerEq3Eq6 = (eq[2], eq[5]) switch
        {
            // 00 can step down along either EQ; the specification takes the higher-scoring of the two.
            (0, 0) => Higher(LowerScore(eq, (5, 1)), LowerScore(eq, (2, 1))),
            (0, 1) or (1, 1) => LowerScore(eq, (2, 1)),
            (1, 0) => LowerScore(eq, (5, 1)),
            _ => null,   // 21 is the lowest
        };
        var lowerEq4 = LowerScore(eq, (3, 1));
        var lowerEq5 = LowerScore(eq, (4, 1));

        var distance = DistanceFromHighest(v, eq);

        var normalized = 0.0;
        var lowerCount = 0;
        void Add(double? lower, double currentDistance, double depth)
        {
            if (lower == null) return;
            lowerCount++;
            normalized += (value - lower.Value) * (currentDistance / depth);
        }
        Add(lowerEq1, distance.Eq1, CvssV4Lookup.Eq1Depth[eq[0]] * Step);
        Add(lowerEq2, distance.Eq2, CvssV4Lookup.Eq2Depth[eq[1]] * Step);
        Add(lowerEq3Eq6, distance.Eq3Eq6, CvssV4Lookup.Eq3Eq6Depth[eq[2]][eq[5]] * Step);
        Add(lowerEq4, distance.Eq4, CvssV4Lookup.Eq4Depth[eq[3]] * Step);
        // EQ5 (exploit maturity) has a single value per level: its proportional distance is always zero.
        Add(lowerEq5, 0.0, 1.0);

        var mean = lowerCount == 0 ? 0.0 : normalized / lowerCount;
        return RoundHalfUp(Math.Clamp(value - mean, 0.0, 10.0));
    }

    /// <summary>The equivalence-class levels EQ1..EQ6 (0 = most severe), specification Table 24.</summary>
    public static int[] MacroVector(CvssV4Vector v)
    {
        string M(string metric) => v.Effective(metric);
        var (av, pr, ui) = (M("AV"), M("PR"), M("UI"));
        var eq1 = av == "N" && pr == "N" && ui == "N" ? 0 : (av == "N" || pr == "N" || ui == "N") && av != "P" ? 1 : 2;
        var eq2 = M("AC") == "L" && M("AT") == "N" ? 0 : 1;
        var (vc, vi, va) = (M("VC"), M("VI"), M("VA"));
        var eq3 = vc == "H" && vi == "H" ? 0 : vc == "H" || vi == "H" || va == "H" ? 1 : 2;
        var eq4 = M("MSI") == "S" || M("MSA") == "S" ? 0 : M("SC") == "H" || M("SI") == "H" || M("SA") == "H" ? 1 : 2;
        var eq5 = M("E") switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (M("CR") == "H" && vc == "H") || (M("IR") == "H" && vi == "H") || (M("AR") == "H" && va == "H") ? 0 : 1;
        return [eq1, eq2, eq3, eq4, eq5, eq6];
    }

    private static double? LowerScore(int[] eq, (int Index, int By) step)
    {
        var lower = (int[])eq.Clone();
        lower[step.Index] += step.By;
        return CvssV4Lookup.MacroVectorScore.TryGetValue(string.Concat(lower), out var s) ? s : null;
    }

    private static double? Higher(double? a, double? b) => a == null ? b : b == null ? a : Math.Max(a.Value, b.Value);

    private readonly record struct Distances(double Eq1, double Eq2, double Eq3Eq6, double Eq4);

    /// <summary>
    /// Severity distance from the first highest-severity vector of the macrovector that is at least as severe as the
    /// vector in every metric (the specification's composition of each EQ's highest vectors, in its order).
    /// </summary>
    private static Distances DistanceFromHighest(CvssV4Vector v, int[] eq)
    {
        var candidates =
            from e1 in CvssV4Lookup.Eq1Max[eq[0]]
            from e2 in CvssV4Lookup.Eq2Max[eq[1]]
            from e36 in CvssV4Lookup.Eq3Eq6Max[eq[2]][eq[5]]
            from e4 in CvssV4Lookup.Eq4Max[eq[3]]
            select $"{e1}/{e2}/{e36}/{e4}";
        Dictionary<string, double> diff = [];
        foreach (var candidate in candidates)
        {
            var max = candidate.Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
            diff = levels.Keys.ToDictionary(m => m, m => levels[m][v.Effective(m)] - levels[m][max[m]]);
            // When no candidate dominates the vector, the last one's distances stand, as in the reference calculator.
            if (diff.Values.All(d => d >= 0)) break;
        }
        double Sum(string[] metrics) => metrics.Aggregate(0.0, (acc, m) => acc + diff[m]);
        return new Distances(Sum(eq1Metrics), Sum(eq2Metrics), Sum(eq3Eq6Metrics), Sum(eq4Metrics));
    }

    // Half-up to one decimal. Binary floating point lands exact x.x5 ties one ulp low (8.6 - 7.2 = 1.3999999999999995),
    // so the value is lifted by 1e-6 first, as the reference calculator does since its 2024 rounding fix; no genuine
    // interpolated score lies within 1e-6 below a tie (the arithmetic is on tenths over depths 1..10 and at most 5 EQs).
    private const double TieLift = 1e-6;

    private static double RoundHalfUp(double score) => Math.Floor(((score + TieLift) * 10) + 0.5) / 10;
}
