using Scout.Versions.Osv;
using Scout.Versions.Schemes;

namespace Scout.Versions.Tests;

/// <summary>The OSV evaluation rules on small constructed ranges (the real-record tests cover real data).</summary>
public class OsvEvaluatorRuleTests
{
    private static readonly IVersionScheme Pypi = Pep440VersionScheme.Instance;

    private static OsvRange Eco(params (string Kind, string Value)[] events) =>
        new(OsvRange.Ecosystem, events.Select(e => new OsvEvent(e.Kind, e.Value)).ToList());

    private static AffectedStatus Status(string installed, params OsvRange[] ranges) =>
        OsvAffectedEvaluator.Evaluate(Pypi, installed, [], ranges).Status;

    [Theory]
    [InlineData("0.1", AffectedStatus.Affected)]
    [InlineData("1.0", AffectedStatus.NotAffected)]
    public void Introduced_zero_is_below_everything(string v, AffectedStatus expected) =>
        Assert.Equal(expected, Status(v, Eco(("introduced", "0"), ("fixed", "1.0"))));

    [Fact]
    public void Events_are_sorted_by_the_schemes_order_not_as_written()
    {
        // 1.0a1 < 1.0 in PEP 440 although "1.0" < "1.0a1" as text.
        var range = Eco(("fixed", "1.0"), ("introduced", "1.0a1"));
        Assert.Equal(AffectedStatus.Affected, Status("1.0b1", range));
        Assert.Equal(AffectedStatus.NotAffected, Status("1.0", range));
        Assert.Equal(AffectedStatus.NotAffected, Status("0.9", range));
    }

    [Fact]
    public void Equal_introduced_and_fixed_is_empty_and_equal_introduced_and_last_affected_is_one_version()
    {
        Assert.Equal(AffectedStatus.NotAffected, Status("1.0", Eco(("fixed", "1.0"), ("introduced", "1.0"))));
        Assert.Equal(AffectedStatus.Affected, Status("1.0", Eco(("last_affected", "1.0"), ("introduced", "1.0"))));
        Assert.Equal(AffectedStatus.NotAffected, Status("1.0.post1", Eco(("introduced", "1.0"), ("last_affected", "1.0"))));
    }

    [Fact]
    public void Limits_cut_the_range_and_star_means_no_limit()
    {
        var limited = Eco(("introduced", "1.0"), ("limit", "2.0"));
        Assert.Equal(AffectedStatus.Affected, Status("1.5", limited));
        Assert.Equal(AffectedStatus.NotAffected, Status("2.0", limited));
        Assert.Equal(AffectedStatus.Affected, Status("9.0", Eco(("introduced", "1.0"), ("limit", "*"))));
        // Several limits: below any one of them is enough.
        Assert.Equal(AffectedStatus.Affected, Status("2.5", Eco(("introduced", "1.0"), ("limit", "2.0"), ("limit", "3.0"))));
    }

    [Fact]
    public void Any_range_suffices_and_the_matched_interval_is_reported()
    {
        var verdict = OsvAffectedEvaluator.Evaluate(Pypi, "2.5", [],
            [Eco(("introduced", "1.0"), ("fixed", "1.5")), Eco(("introduced", "2.0"), ("fixed", "3.0"))]);
        Assert.Equal(AffectedStatus.Affected, verdict.Status);
        Assert.Equal(">=2.0, <3.0", verdict.MatchedRange);
    }

    [Fact]
    public void A_listed_version_matches_by_the_schemes_equality()
    {
        var verdict = OsvAffectedEvaluator.Evaluate(Pypi, "1.0.0", ["1.0"], []);
        Assert.Equal(AffectedStatus.Affected, verdict.Status);
        Assert.Equal("=1.0", verdict.MatchedRange);
    }

    [Fact]
    public void What_cannot_be_ordered_is_indeterminate_unless_something_else_says_affected()
    {
        var badEvent = Eco(("introduced", "0"), ("fixed", "not-a-version"));
        Assert.Equal(AffectedStatus.Indeterminate, Status("1.0", badEvent));
        Assert.Equal(AffectedStatus.Affected, Status("1.0", badEvent, Eco(("introduced", "0.5"))));
        Assert.Equal(AffectedStatus.Indeterminate, Status("1.0", new OsvRange("WEIRD", [new OsvEvent("introduced", "0")])));
        Assert.Equal(AffectedStatus.Indeterminate, Status("1.0", Eco(("introduced", "0"), ("deprecated", "2.0"))));
        var noScheme = OsvAffectedEvaluator.Evaluate(null, "1.0", [], [Eco(("introduced", "0"))]);
        Assert.Equal(AffectedStatus.Indeterminate, noScheme.Status);
        Assert.Contains("no version scheme", noScheme.Reason);
    }

    [Fact]
    public void Semver_ranges_use_semver_even_without_an_ecosystem_scheme()
    {
        var semver = new OsvRange(OsvRange.SemVer, [new OsvEvent("introduced", "0"), new OsvEvent("fixed", "1.2.3")]);
        Assert.Equal(AffectedStatus.Affected, OsvAffectedEvaluator.Evaluate(null, "1.2.3-rc.1", [], [semver]).Status);
        Assert.Equal(AffectedStatus.NotAffected, OsvAffectedEvaluator.Evaluate(null, "v1.2.3", [], [semver]).Status);
    }

    [Fact]
    public void An_entry_with_nothing_in_it_affects_nothing()
    {
        Assert.Equal(AffectedStatus.NotAffected, OsvAffectedEvaluator.Evaluate(Pypi, "1.0", [], []).Status);
    }
}
