using Scout.Versions.Schemes;

namespace Scout.Versions.Tests;

/// <summary>Every line the native tool answered, our scheme must answer the same (and the reverse negated).</summary>
public class NativeFixtureTests
{
    public static TheoryData<string> Schemes => new(SchemesByFixture.Keys);

    private static readonly Dictionary<string, IVersionScheme> SchemesByFixture = new()
    {
        ["pypi"] = Pep440VersionScheme.Instance,
        ["dpkg"] = DpkgVersionScheme.Instance,
        ["rpm"] = RpmVersionScheme.Instance,
        ["apk"] = ApkVersionScheme.Instance,
        ["maven"] = MavenVersionScheme.Instance,
        ["nuget"] = NuGetVersionScheme.Instance,
        ["rubygems"] = RubyGemsVersionScheme.Instance,
        ["composer"] = ComposerVersionScheme.Instance,
        ["npm"] = NpmVersionScheme.Instance,
        ["cargo"] = CargoVersionScheme.Instance,
        ["go"] = GoVersionScheme.Instance,
        ["hex"] = HexVersionScheme.Instance,
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Scheme_agrees_with_its_native_tool_on_every_fixture_line(string fixture) =>
        ComparisonVectors.AssertAgrees(SchemesByFixture[fixture], Fixtures.Read(fixture), minimum: 1000);
}
