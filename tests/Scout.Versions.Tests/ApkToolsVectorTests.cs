using Scout.Testing;
using Scout.Versions.Schemes;

namespace Scout.Versions.Tests;

/// <summary>
/// apk-tools' own test/unit/version.data (from its master branch, i.e. apk-tools 3.x). We follow 2.14, the last
/// 2.x; the lines where 3.x changed the answer are listed with the 2.14 answer, which was taken from 2.14's own
/// version.c compiled by tools/version-fixtures/oracles/build_apk_oracle.sh.
/// </summary>
public class ApkToolsVectorTests
{
    private static readonly ApkVersionScheme Apk = ApkVersionScheme.Instance;

    // "a op b" as written in version.data -> what apk-tools 2.14 answers instead.
    private static readonly Dictionary<string, string> ChangedIn3 = new()
    {
        ["23_foo > 4_beta"] = "invalid",          // 2.14 knows no _foo suffix
        ["1.0 < 1.0bc"] = "invalid",              // 3.x string-sorts invalid versions
        ["8.2.0 < 8.2.001"] = ">",                // 3.x: leading zero -> string compare
        ["8.2.0015 < 8.2.002"] = ">",
        ["1.0~1234 < 1.0~2345"] = "invalid",      // 3.x added the ~hash token
        ["1.0~1234-r1 < 1.0~2345-r0"] = "invalid",
        ["1.0~1234-r1 > 1.0~1234-r0"] = "invalid",
    };

    // Validity lines ("v" valid, "!v" invalid) where 3.x is stricter or added syntax.
    private static readonly Dictionary<string, bool> ValidityChangedIn3 = new()
    {
        ["0.1_pre2~1234abcd"] = false,
        ["0.1a1"] = true,
        ["0.1-r"] = true,
        ["0.1-r2-r3"] = true,
        [".1"] = true,
        ["a"] = true,
        ["_pre1"] = true,
        ["-r1"] = true,
        ["0.1_"] = true,
    };

    private static IEnumerable<string[]> Lines() =>
        File.ReadLines(TestData.Path("versions", "apk-tools", "version.data"))
            .Select(l => (l.Contains('#') ? l[..l.IndexOf('#')] : l).Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Orderings_agree_except_where_apk3_changed_them()
    {
        var checkedCount = 0;
        var bad = new List<string>();
        foreach (var p in Lines().Where(p => p.Length == 3 && p[1] is "<" or "=" or ">"))
        {
            var key = string.Join(' ', p);
            var expected = ChangedIn3.TryGetValue(key, out var old) ? old : p[1];
            var got = ComparisonVector.Symbol(Apk.Compare(p[0], p[2]));
            if (got != expected) bad.Add($"{key}: expected {expected}, got {got}");
            checkedCount++;
        }
        Assert.True(checkedCount > 700, $"only {checkedCount} orderings read");
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void Validity_agrees_except_where_apk3_changed_it()
    {
        var bad = new List<string>();
        var singles = Lines().Where(p => p.Length == 1).Select(p => p[0]).Where(v => v != "!").ToList();
        Assert.True(singles.Count > 20, $"only {singles.Count} validity lines read");
        foreach (var line in singles)
        {
            var version = line.TrimStart('!');
            var expected = ValidityChangedIn3.TryGetValue(version, out var old) ? old : !line.StartsWith('!');
            if (Apk.IsValid(version) != expected) bad.Add($"{line}: expected valid={expected}");
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }
}
