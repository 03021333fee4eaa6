namespace Scout.Versions.Tests;

/// <summary>One "a op b" comparison from a vector or fixture file; Expected is -1, 0, 1 or null for "invalid".</summary>
public sealed record ComparisonVector(string A, string B, int? Expected, string Where)
{
    public override string ToString() => $"{Where}: {A} {Symbol(Expected)} {B}";

    public static string Symbol(int? r) => r switch { -1 => "<", 0 => "=", 1 => ">", _ => "invalid" };
}

public static class ComparisonVectors
{
    /// <summary>Reads "a op b" lines (op in &lt; = &gt;), skipping blanks and #, // comments and trailing " # ..." notes.</summary>
    public static List<ComparisonVector> ReadOperatorLines(string path)
    {
        var result = new List<ComparisonVector>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            // A comment is a '#' at the start or after a blank ("1.2.3.#" is a version, "1.0 < 1.0bc  # note" is not).
            var comment = System.Text.RegularExpressions.Regex.Match(raw, @"(^|\s)#");
            var line = (comment.Success ? raw[..comment.Index] : raw).Trim();
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

    /// <summary>
    /// Reads a vers-spec / univers test file: each "comparison" test's expected_output is ascending (consecutive
    /// pairs become "&lt;"), each "equality" test expected true becomes "=" (false ones say nothing about order).
    /// </summary>
    public static List<ComparisonVector> ReadVersTests(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var tests = doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("tests");
        var result = new List<ComparisonVector>();
        var index = 0;
        foreach (var test in tests.EnumerateArray())
        {
            index++;
            var type = test.GetProperty("test_type").GetString();
            var expected = test.GetProperty("expected_output");
            var where = $"{Path.GetFileName(path)}#{index}";
            if (type == "comparison" && expected.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                var sorted = expected.EnumerateArray().Select(e => e.GetString()!).ToList();
                for (var i = 0; i + 1 < sorted.Count; i++) result.Add(new ComparisonVector(sorted[i], sorted[i + 1], -1, where));
            }
            else if (type == "equality" && expected.ValueKind == System.Text.Json.JsonValueKind.True)
            {
                var versions = test.GetProperty("input").GetProperty("versions").EnumerateArray().Select(e => e.GetString()!).ToList();
                if (versions.Count == 2) result.Add(new ComparisonVector(versions[0], versions[1], 0, where));
            }
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
    /// source differs from the native tool we follow (another release, a lenient or legacy parser) passes only
    /// when the native tool's recorded answer for that pair, from our generated fixture, is what we answer.
    /// </summary>
    public static List<string> Disagreements(
        IVersionScheme scheme, IEnumerable<ComparisonVector> vectors, IReadOnlyDictionary<(string A, string B), int?>? native = null)
    {
        var bad = new List<string>();
        foreach (var v in vectors)
        {
            var got = scheme.Compare(v.A, v.B);
            var back = scheme.Compare(v.B, v.A);
            if (got == v.Expected && back == -v.Expected) continue;
            if (native is not null && native.TryGetValue((v.A, v.B), out var toolSays) && toolSays == got && back == -got)
                continue;
            bad.Add($"{v} but got {ComparisonVector.Symbol(got)} (reverse {ComparisonVector.Symbol(back)})");
        }
        return bad;
    }

    public static void AssertAgrees(
        IVersionScheme scheme, IReadOnlyCollection<ComparisonVector> vectors,
        IReadOnlyDictionary<(string A, string B), int?>? native = null, int minimum = 1)
    {
        Assert.True(vectors.Count >= minimum, $"expected at least {minimum} vectors, read {vectors.Count}");
        var bad = Disagreements(scheme, vectors, native);
        Assert.True(bad.Count == 0, $"{bad.Count} of {vectors.Count} disagree:\n" + string.Join("\n", bad.Take(40)));
    }
}
