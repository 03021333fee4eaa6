namespace Scout.Versions.Tests;

/// <summary>
/// Hand-picked edge cases per scheme, each one a rule of that ecosystem's tool (every line was also put to the
/// native oracle in tools/version-fixtures/oracles, except pub, which has no tool here; its lines follow
/// pub_semver's documented rules). Expected: -1, 0, 1, or null for "the tool rejects a side".
/// </summary>
public class EdgeCaseTests
{
    [Theory]
    // dpkg: epoch first; '~' before everything, even the end; '+' after; letters before non-letters; digits numerically.
    [InlineData("deb", "1:1.0", "2.0", 1)]
    [InlineData("deb", "1.0~rc1", "1.0", -1)]
    [InlineData("deb", "1.0~~", "1.0~", -1)]
    [InlineData("deb", "1.0+b1", "1.0", 1)]
    [InlineData("deb", "1.0a", "1.0+", -1)]
    [InlineData("deb", "1.0-1", "1.0-1+deb12u1", -1)]
    [InlineData("deb", "1.00", "1.0", 0)]
    [InlineData("deb", "0:1.0", "1.0", 0)]
    [InlineData("deb", "1.0-0ubuntu1", "1.0-1", -1)]
    [InlineData("deb", "2.30-1~bpo12+1", "2.30-1", -1)]
    [InlineData("deb", "1.0-", "1.0", null)]
    [InlineData("deb", "a:1.0", "1.0", null)]
    [InlineData("deb", "1.0 1", "1.0", null)]
    // rpm: '~' sorts before the end, '^' after the end but before more segments; numbers beat letters.
    [InlineData("rpm", "1.0~rc1-1", "1.0-1", -1)]
    [InlineData("rpm", "1.0^git1-1", "1.0-1", 1)]
    [InlineData("rpm", "1.0^git1-1", "1.0.1-1", -1)]
    [InlineData("rpm", "1.0a", "1.0.1", -1)]
    [InlineData("rpm", "1.0-1.el9", "1.0-1.el9_2", -1)]
    [InlineData("rpm", "1:1.0-1", "2.0-1", 1)]
    [InlineData("rpm", "1.0", "1.0-1", -1)]
    [InlineData("rpm", "1.010", "1.10", 0)]
    [InlineData("rpm", "1_0", "1.0", 0)]
    [InlineData("rpm", "1:", "1.0", null)]
    // apk 2.x: _alpha < _beta < _pre < _rc < release < _cvs < _svn < _git < _hg < _p; -rN; a letter; leading zeros.
    [InlineData("apk", "1.0_alpha1", "1.0_beta", -1)]
    [InlineData("apk", "1.0_rc9", "1.0", -1)]
    [InlineData("apk", "1.0_p1", "1.0_git20200101", 1)]
    [InlineData("apk", "1.0_cvs", "1.0", 1)]
    [InlineData("apk", "1.0-r1", "1.0-r0", 1)]
    [InlineData("apk", "1.0a", "1.0", 1)]
    [InlineData("apk", "1.0a", "1.0.1", -1)]
    [InlineData("apk", "1.01", "1.1", -1)]
    [InlineData("apk", "1.0", "1", 1)]
    [InlineData("apk", "1.0_foo", "1.0", null)]
    [InlineData("apk", "1.0A", "1.0", null)]
    // PEP 440: normalization of spellings; dev < pre < final < post; local versions after the public one.
    [InlineData("pypi", "1.0.dev1", "1.0a1", -1)]
    [InlineData("pypi", "1.0a1", "1.0b1", -1)]
    [InlineData("pypi", "1.0rc1", "1.0", -1)]
    [InlineData("pypi", "1.0.post1", "1.0", 1)]
    [InlineData("pypi", "1.0-1", "1.0.post1", 0)]
    [InlineData("pypi", "1.0ALPHA1", "1.0a1", 0)]
    [InlineData("pypi", "v1.0", "1.0.0", 0)]
    [InlineData("pypi", "1.0.c1", "1.0rc1", 0)]
    [InlineData("pypi", "1.0+local.1", "1.0", 1)]
    [InlineData("pypi", "1.0+abc", "1.0+1", -1)]
    [InlineData("pypi", "1!0.1", "2.0", 1)]
    [InlineData("pypi", "1.0.post1.dev1", "1.0.post1", -1)]
    [InlineData("pypi", "1.0-bulbasaur", "1.0", null)]
    // npm (node-semver): 'v' allowed, build metadata ignored, no leading zeros.
    [InlineData("npm", "v1.2.3", "1.2.3", 0)]
    [InlineData("npm", "1.2.3+build.1", "1.2.3+build.2", 0)]
    [InlineData("npm", "1.2.3-alpha.10", "1.2.3-alpha.9", 1)]
    [InlineData("npm", "1.2.3-alpha.1", "1.2.3-alpha.beta", -1)]
    [InlineData("npm", "1.2.3-beta", "1.2.3", -1)]
    [InlineData("npm", "01.2.3", "1.2.3", null)]
    [InlineData("npm", "1.2", "1.2.0", null)]
    // crates.io (Rust semver): build metadata orders after equal precedence.
    [InlineData("cargo", "1.0.0+a", "1.0.0+b", -1)]
    [InlineData("cargo", "1.0.0", "1.0.0+0", -1)]
    [InlineData("cargo", "1.0.0+1", "1.0.0+a", -1)]
    [InlineData("cargo", "1.0.0-alpha", "1.0.0", -1)]
    [InlineData("cargo", "v1.0.0", "1.0.0", null)]
    // Hex (Elixir Version): strict SemVer, build ignored.
    [InlineData("hex", "1.0.0+a", "1.0.0+b", 0)]
    [InlineData("hex", "1.0.0-rc.1", "1.0.0", -1)]
    [InlineData("hex", "1.0", "1.0.0", null)]
    // Pub (pub_semver): leading zeros read by value; a build sorts after no build.
    [InlineData("pub", "1.0.0+1", "1.0.0", 1)]
    [InlineData("pub", "1.0.0-01", "1.0.0-1", 0)]
    [InlineData("pub", "1.0.0-dev.2", "1.0.0-dev.10", -1)]
    [InlineData("pub", "1.0.0+build.1", "1.0.0+build.a", -1)]
    [InlineData("pub", "v1.0.0", "1.0.0", null)]
    // Go (x/mod/semver): v-prefix supplied, shorthand v1.2, +incompatible ignored, pseudo-versions by time.
    [InlineData("golang", "v1.2", "v1.2.0", 0)]
    [InlineData("golang", "1.2.3", "v1.2.3", 0)]
    [InlineData("golang", "v2.0.0+incompatible", "v2.0.0", 0)]
    [InlineData("golang", "v0.0.0-20200101000000-abcdefabcdef", "v0.0.0-20210101000000-abcdefabcdef", -1)]
    [InlineData("golang", "v1.2.4-0.20200101000000-abcdefabcdef", "v1.2.3", 1)]
    [InlineData("golang", "v1.2-pre", "v1.2.0", null)]
    // Maven: qualifier order, aliases, trailing zeros, '.X' treated as '-X'.
    [InlineData("maven", "1.0-alpha-1", "1.0-beta-1", -1)]
    [InlineData("maven", "1.0-a1", "1.0-alpha-1", 0)]
    [InlineData("maven", "1.0-milestone-1", "1.0-rc-1", -1)]
    [InlineData("maven", "1.0-rc1", "1.0-cr1", 0)]
    [InlineData("maven", "1.0-SNAPSHOT", "1.0", -1)]
    [InlineData("maven", "1.0-ga", "1.0", 0)]
    [InlineData("maven", "1.0.RELEASE", "1.0.0", 0)]
    [InlineData("maven", "1.0-final", "1", 0)]
    [InlineData("maven", "1.0-sp1", "1.0", 1)]
    [InlineData("maven", "1.0-foo", "1.0-sp", 1)]
    [InlineData("maven", "1.0.1", "1.0-sp", 1)]
    [InlineData("maven", "1-1", "1.1", -1)]
    [InlineData("maven", "1.0.0.Alpha1", "1.0.0-alpha-1", 0)]
    // NuGet: four parts, case-insensitive labels, metadata ignored, no leading zeros in numeric labels.
    [InlineData("nuget", "1.0", "1.0.0.0", 0)]
    [InlineData("nuget", "1.0.0-BETA", "1.0.0-beta", 0)]
    [InlineData("nuget", "1.0.0+a", "1.0.0+b", 0)]
    [InlineData("nuget", "1.0.0.1", "1.0.0", 1)]
    [InlineData("nuget", "1.0.0-2", "1.0.0-10", -1)]
    [InlineData("nuget", "1.0.0-10", "1.0.0-a", -1)]
    [InlineData("nuget", "1.0.0-01", "1.0.0", null)]
    [InlineData("nuget", "1.0-", "1.0", null)]
    // RubyGems: a letter segment is a pre-release; '-' reads as ".pre."; trailing zeros dropped.
    [InlineData("gem", "1.0.a", "1.0", -1)]
    [InlineData("gem", "1.0.0", "1", 0)]
    [InlineData("gem", "1.0-1", "1.0.pre.1", 0)]
    [InlineData("gem", "1.0.rc1", "1.0.beta2", 1)]
    [InlineData("gem", "1.0.b1", "1.0.a2", 1)]
    [InlineData("gem", "1..0", "1.0", null)]
    // Packagist: composer normalization, then PHP version_compare.
    [InlineData("composer", "v1.0", "1.0.0.0", 0)]
    [InlineData("composer", "1.0-beta1", "1.0-b1", 0)]
    [InlineData("composer", "1.0-RC1", "1.0-beta2", 1)]
    [InlineData("composer", "1.0-patch1", "1.0", 1)]
    [InlineData("composer", "1.0-dev", "1.0-alpha", -1)]
    [InlineData("composer", "1.0.0+build", "1.0.0", 0)]
    [InlineData("composer", "2.x-dev", "2.0", 1)]
    [InlineData("composer", "dev-master", "1.0", null)]
    [InlineData("composer", "1.0-foo", "1.0", null)]
    public void Edge_case(string purlType, string a, string b, int? expected)
    {
        var scheme = VersionSchemes.ForEcosystem(purlType)!;
        Assert.Equal(expected, scheme.Compare(a, b));
        Assert.Equal(-expected, scheme.Compare(b, a));
    }
}
