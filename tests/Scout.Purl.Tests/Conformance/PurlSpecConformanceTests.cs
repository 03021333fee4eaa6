using System.Text.Json;

namespace Scout.Purl.Tests.Conformance;

/// <summary>
/// Every case of purl-spec tests/spec and tests/types. "required" cases run in strict mode (the spec's "shall"
/// rules), "recommended" cases in lenient mode: per purl-spec, recommended cases show how non-conforming data is
/// normalized so that it passes the required rules.
/// </summary>
public sealed class PurlSpecConformanceTests
{
    /// <summary>
    /// Cases that contradict other authoritative cases. purl-spec PR #951 (2026-08-11) made a required parse of an
    /// uppercase qualifier key ("Platform=java") an expected failure, as ECMA-427 says keys "shall" be lowercase;
    /// the rpm file agrees. This maven case still expects success: we assert the spec answer (strict parse fails on
    /// the key) and that the lenient parse yields exactly the expected components.
    /// </summary>
    private static readonly Dictionary<string, string> Contradictions = new(StringComparer.Ordinal)
    {
        ["maven-test.json#13"] = "uppercase qualifier key accepted by a required parse, contrary to gem-test.json#1, rpm-test.json#1 and ECMA-427",
    };

    private static PurlParseMode ModeOf(PurlSpecCase c) => c.Recommended ? PurlParseMode.Lenient : PurlParseMode.Strict;

    [Theory]
    [MemberData(nameof(PurlSpecCases.Ids), "parse", MemberType = typeof(PurlSpecCases))]
    public void Every_parse_case_of_the_spec_suite_holds(string id)
    {
        var c = PurlSpecCases.All[id];
        var input = c.Input.GetString()!;
        if (c.ExpectedFailure)
        {
            Assert.Throws<PurlException>(() => PackageUrl.Parse(input, ModeOf(c)));
            return;
        }
        var mode = ModeOf(c);
        if (Contradictions.ContainsKey(id))
        {
            var strict = Assert.Throws<PurlException>(() => PackageUrl.Parse(input, PurlParseMode.Strict));
            Assert.Equal(PurlComponent.Qualifiers, strict.Component);
            mode = PurlParseMode.Lenient;
        }
        AssertComponents(c.ExpectedOutput!.Value, PackageUrl.Parse(input, mode));
    }

    [Theory]
    [MemberData(nameof(PurlSpecCases.Ids), "validate", MemberType = typeof(PurlSpecCases))]
    public void Every_validate_case_of_the_spec_suite_holds(string id)
    {
        var c = PurlSpecCases.All[id];
        var input = c.Input.GetString()!;
        if (c.ExpectedFailure)
        {
            Assert.Throws<PurlException>(() => PackageUrl.Parse(input, ModeOf(c)));
            return;
        }
        var expected = c.ExpectedOutput!.Value.GetString();
        Assert.Equal(expected, PackageUrl.Parse(input, ModeOf(c)).ToString());
        // The canonical form is a fixed point, and Canonicalize (lenient) agrees with it.
        Assert.Equal(expected, PackageUrl.Parse(expected!).ToString());
        Assert.Equal(expected, PackageUrl.Canonicalize(input));
    }

    [Theory]
    [MemberData(nameof(PurlSpecCases.Ids), "build", MemberType = typeof(PurlSpecCases))]
    public void Every_build_case_of_the_spec_suite_holds(string id)
    {
        var c = PurlSpecCases.All[id];
        var i = c.Input;
        PackageUrl Act() => PackageUrl.Build(
            PurlSpecCases.Str(i, "type")!, PurlSpecCases.Str(i, "namespace"), PurlSpecCases.Str(i, "name")!,
            PurlSpecCases.Str(i, "version"), PurlSpecCases.Qualifiers(i), PurlSpecCases.Str(i, "subpath"));
        if (c.ExpectedFailure)
        {
            Assert.Throws<PurlException>(Act);
            return;
        }
        var built = Act();
        Assert.Equal(c.ExpectedOutput!.Value.GetString(), built.ToString());
        Assert.Equal(built, PackageUrl.Parse(built.ToString()));
    }

    [Fact]
    public void Every_file_and_case_is_covered()
    {
        var files = PurlSpecCases.Files().Select(f => Path.GetFileName(f)!).ToHashSet();
        Assert.Equal(files, PurlSpecCases.All.Values.Select(c => c.File).ToHashSet());
        var types = PurlSpecCases.All.Values.Select(c => c.TestType).Distinct().OrderBy(t => t).ToArray();
        Assert.Equal(["build", "parse", "validate"], types);
        Assert.All(Contradictions.Keys, k => Assert.True(PurlSpecCases.All.ContainsKey(k), k));
    }

    internal static void AssertComponents(JsonElement expected, PackageUrl actual)
    {
        Assert.Equal(PurlSpecCases.Str(expected, "type"), actual.Type);
        Assert.Equal(PurlSpecCases.Str(expected, "namespace"), actual.Namespace);
        Assert.Equal(PurlSpecCases.Str(expected, "name"), actual.Name);
        Assert.Equal(PurlSpecCases.Str(expected, "version"), actual.Version);
        var qualifiers = PurlSpecCases.Qualifiers(expected) ?? [];
        Assert.Equal(qualifiers.OrderBy(q => q.Key, StringComparer.Ordinal), actual.Qualifiers.ToArray());
        Assert.Equal(PurlSpecCases.Str(expected, "subpath"), actual.Subpath);
    }
}
