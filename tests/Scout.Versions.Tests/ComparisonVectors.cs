namespace Scout.Versions.Tests;

/// <summary>One "a op b" comparison from a vector or fixture file; Expected is -1, 0, 1 or null for "invalid".</summary>
public sealed record ComparisonVector(string A, string B, int? Expected, string Where)
{
    public override string ToString() => $"{Where}: {A} {Symbol(Expected)} {B}";

    public static string Symbol(int? r) => r switch { -1 => "<", 0 => "=", 1 => ">", _ => "invalid" };
}

public static class ComparisonVectors
{
    /// <summary>Reads "a op b" lines (op in &lt; = &gt;), skipping blanks and #, // comments and trailing "# ..." notes.</summary>
    public static List<ComparisonVector> ReadOperatorLines(string path)
    {
        var result = new List<ComparisonVector>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw new FormatException($"{path}:{lineNo}: expected 'a op b', got '{raw}'");
            int? expected = parts[1] switch
            {
                "<" => -1,
                "=" => 0,
                ">" => 1,
                _ => throw new FormatException($"{path}:{lineNo}: unknown operator '{parts[1]}'"),
            };
            result.Add(new ComparisonVector(parts[0], parts[2], expected, $"{Path.GetFileName(path)}:{lineNo}"));
        }
        return result;
    }

    /// <summary>Reads our fixture format: "a&lt;TAB&gt;b&lt;TAB&gt;R" with R in -1, 0, 1, invalid; '#' lines are comments.</summary>
    public static List<ComparisonVector> ReadFixture(string path)
    {
        var result = new List<ComparisonVector>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var parts = raw.Split('\t');
            if (parts.Length != 3) throw new FormatException($"{path}:{lineNo}: expected a<TAB>b<TAB>R, got '{raw}'");
            int? expected = parts[2] == "invalid" ? null : int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            result.Add(new ComparisonVector(parts[0], parts[1], expected, $"{Path.GetFileName(path)}:{lineNo}"));
        }
        return result;
    }

    /// <summary>
    /// Every vector the scheme answers differently, both ways round (b vs a must be the negation). A vector whose
    /// source ordered a string our ecosystem's tool rejects passes only when every string we call invalid is in
    /// <paramref name="rejectedByNativeTool"/> (the source was more lenient than the tool, e.g. a legacy parser).
    /// </summary>
    public static List<string> Disagreements(
        IVersionScheme scheme, IEnumerable<ComparisonVector> vectors, IReadOnlySet<string>? rejectedByNativeTool = null)
    {
        var bad = new List<string>();
        foreach (var v in vectors)
        {
            var got = scheme.Compare(v.A, v.B);
            var back = scheme.Compare(v.B, v.A);
            if (got == v.Expected && back == -v.Expected) continue;
            if (got is null && back is null && v.Expected is not null && rejectedByNativeTool is not null
                && (scheme.IsValid(v.A) || rejectedByNativeTool.Contains(v.A))
                && (scheme.IsValid(v.B) || rejectedByNativeTool.Contains(v.B)))
                continue;
            bad.Add($"{v} but got {ComparisonVector.Symbol(got)} (reverse {ComparisonVector.Symbol(back)})");
        }
        return bad;
    }

    public static void AssertAgrees(
        IVersionScheme scheme, IReadOnlyCollection<ComparisonVector> vectors, IReadOnlySet<string>? rejectedByNativeTool = null, int minimum = 1)
    {
        Assert.True(vectors.Count >= minimum, $"expected at least {minimum} vectors, read {vectors.Count}");
        var bad = Disagreements(scheme, vectors, rejectedByNativeTool);
        Assert.True(bad.Count == 0, $"{bad.Count} of {vectors.Count} disagree:\n" + string.Join("\n", bad.Take(40)));
    }
}
