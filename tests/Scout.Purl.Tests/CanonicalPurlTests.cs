using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Scout.Purl.Tests.Conformance;
using Scout.Testing;

namespace Scout.Purl.Tests;

/// <summary>
/// The canonical-form fast path (<see cref="CanonicalPurl"/>) gives exactly what the full parse gives, takes every purl
/// the full parse would leave as it is (for the types whose rules it checks), and declines everything else.
/// </summary>
public sealed partial class CanonicalPurlTests
{
    [Fact]
    public void Conformance_suite_purls_give_the_same_result_on_both_paths()
    {
        var texts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in PurlSpecCases.All.Values)
        {
            if (c.Input.ValueKind == JsonValueKind.String) texts.Add(c.Input.GetString()!);
            if (c.ExpectedOutput is { ValueKind: JsonValueKind.String } output) texts.Add(output.GetString()!);
        }
        using (var classic = JsonDocument.Parse(File.ReadAllText(TestData.Path("purl", "classic", "test-suite-data.json"))))
        {
            foreach (var c in classic.RootElement.EnumerateArray())
                foreach (var property in new[] { "purl", "canonical_purl" })
                    if (c.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String) texts.Add(value.GetString()!);
        }
        WithCanonicalForms(texts);
        var taken = CheckAll(texts);
        Assert.True(texts.Count > 250, $"only {texts.Count} conformance purls found");
        Assert.True(taken > 100, $"only {taken} of {texts.Count} conformance purls took the fast path");
    }

    [Fact]
    public void Real_sbom_purls_give_the_same_result_on_both_paths()
    {
        var root = TestData.Path("sbom");
        var texts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file).Replace("\\u0026", "&", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
            foreach (Match m in PurlInText().Matches(text)) texts.Add(m.Value);
        }
        WithCanonicalForms(texts);
        var taken = CheckAll(texts);
        Assert.True(texts.Count > 5000, $"only {texts.Count} purls found in {root}");
        // Most purls tools write are canonical: the fast path is the common path, not a curiosity.
        Assert.True(taken > texts.Count / 2, $"only {taken} of {texts.Count} real SBOM purls took the fast path");
    }

    [Fact]
    public void Generated_purls_and_their_canonical_forms_give_the_same_result_on_both_paths()
    {
        var taken = 0;
        Properties.CanonicalizeProperties.Purl.Sample(text =>
        {
            var texts = new List<string> { text };
            if (Attempt(() => PackageUrl.ParseFully(text, PurlParseMode.Lenient)).Purl is { } purl) texts.Add(purl.ToString());
            Interlocked.Add(ref taken, CheckAll(texts));
        });
        Assert.True(taken > 0, "no generated purl took the fast path");
    }

    [Fact]
    public void Literal_characters_are_the_encoders()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
            Assert.True(CanonicalPurl.IsLiteral(c) == PercentEncoding.IsLiteral(c), $"U+{(int)c:X4}");
    }

    [Fact]
    public void Hints_give_their_own_instances_and_never_change_the_result()
    {
        var hints = new PurlComponentHints(new string("@scope".AsSpan()), new string("name".AsSpan()), new string("1.0.0".AsSpan()));
        var purl = PackageUrl.Parse("pkg:npm/%40scope/name@1.0.0", PurlParseMode.Lenient, hints);
        Assert.Same(hints.Namespace, purl.Namespace);
        Assert.Same(hints.Name, purl.Name);
        Assert.Same(hints.Version, purl.Version);
        var other = PackageUrl.Parse("pkg:npm/%40other/caf%C3%A9@2", PurlParseMode.Lenient, hints);
        Assert.Equal(("@other", "café", "2"), (other.Namespace, other.Name, other.Version));
        var nonAscii = new PurlComponentHints(Name: new string("café".AsSpan()));
        Assert.Same(nonAscii.Name, PackageUrl.Parse("pkg:npm/caf%C3%A9@2", PurlParseMode.Lenient, nonAscii).Name);
    }

    [Theory]
    [InlineData("pkg:npm/%40scope/name@1.0.0")]
    [InlineData("pkg:npm/name")]
    [InlineData("pkg:deb/debian/libc6@2.31-13?arch=amd64&distro=debian-11&upstream=glibc")]
    [InlineData("pkg:maven/org.apache/commons-io@2.6?type=jar#src/main")]
    [InlineData("pkg:golang/github.com/a/b/c@v1.0.0")]
    [InlineData("pkg:npm/a%2Fb@1")] // an encoded '/' in a name is the name's
    [InlineData("pkg:generic/caf%C3%A9@1%20beta")]
    [InlineData("pkg:pypi/django@1.11.1")]
    [InlineData("pkg:rpm/redhat/openssl@1:1.1.1k-6.el8?arch=x86_64&epoch=1")]
    public void Canonical_purls_take_the_fast_path(string text)
    {
        var fast = CanonicalPurl.TryRead(text);
        Assert.NotNull(fast);
        Assert.Same(text, fast.ToString());
        AssertSame(PackageUrl.ParseFully(text, PurlParseMode.Strict), fast);
    }

    [Theory]
    [InlineData("PKG:npm/name@1")] // scheme case
    [InlineData("pkg:NPM/name@1")] // type case
    [InlineData("pkg://npm/name@1")] // slashes after the scheme
    [InlineData(" pkg:npm/name@1")] // whitespace
    [InlineData("pkg:npm/name@1 ")]
    [InlineData("pkg:npm/@scope/name@1")] // unencoded '@' in a namespace
    [InlineData("pkg:npm/%40scope/name@1@2")] // a second '@'
    [InlineData("pkg:npm/%2540scope/name@1")] // an encoded '%' is canonical, but then the name is '%40scope': checked below
    [InlineData("pkg:npm/%41bc@1")] // an escape of a character that stays literal
    [InlineData("pkg:npm/%3a@1")] // lower-case hex
    [InlineData("pkg:npm/a%2/b@1")] // truncated escape
    [InlineData("pkg:npm/foo%E2%28@1")] // not UTF-8
    [InlineData("pkg:npm/a b@1")] // unencoded space
    [InlineData("pkg:npm/a+b@1")] // '+' is encoded in canonical form
    [InlineData("pkg:npm/a%2Fb/c@1")] // encoded '/' in a namespace segment (an error)
    [InlineData("pkg:npm//name@1")] // empty namespace segment
    [InlineData("pkg:npm/ns/name/@1")] // empty name
    [InlineData("pkg:npm/name@")] // empty version
    [InlineData("pkg:npm/name@1/2")] // '/' in a version
    [InlineData("pkg:npm/name@1?b=1&a=2")] // qualifiers out of order
    [InlineData("pkg:npm/name@1?a=1&a=2")] // repeated qualifier
    [InlineData("pkg:npm/name@1?A=1")] // upper-case key
    [InlineData("pkg:npm/name@1?a=")] // empty value (dropped)
    [InlineData("pkg:npm/name@1?a")] // no '='
    [InlineData("pkg:npm/name@1?")] // empty qualifiers
    [InlineData("pkg:npm/name@1?a=1&&b=2")] // empty pair
    [InlineData("pkg:npm/name@1?1a=1")] // key starting with a digit
    [InlineData("pkg:npm/name@1?a=x/y")] // unencoded '/' in a value
    [InlineData("pkg:npm/name@1?a=1?b=2")] // a second '?'
    [InlineData("pkg:npm/name@1#")] // empty subpath
    [InlineData("pkg:npm/name@1#/a")] // leading '/' in a subpath
    [InlineData("pkg:npm/name@1#a/./b")] // dot segment
    [InlineData("pkg:npm/name@1#a/../b")]
    [InlineData("pkg:npm/name@1#a#b")] // a second '#'
    [InlineData("pkg:deb/Debian/curl@7")] // case-insensitive namespace not lowercase
    [InlineData("pkg:deb/curl@7")] // required namespace missing
    [InlineData("pkg:pypi/Django@1")] // case-insensitive name not lowercase
    [InlineData("pkg:pypi/django_x@1")] // name the type's rule rewrites
    [InlineData("pkg:pypi/django@1.0RC1")] // case-insensitive version not lowercase
    [InlineData("pkg:cargo/ns/name@1")] // prohibited namespace
    [InlineData("pkg:git/github.com/a/b@1")] // rules the fast path leaves to the full parse
    [InlineData("pkg:julia/Dates@1?uuid=x")]
    [InlineData("pkg:cpan/URI::PackageURL@2.11")]
    [InlineData("pkg:unknowntype/name@1")]
    public void Other_purls_take_the_full_parse(string text)
    {
        var fast = CanonicalPurl.TryRead(text);
        if (text == "pkg:npm/%2540scope/name@1")
        {
            // Canonical after all ('%' itself is encoded): the point is that it reads as the full parse reads it.
            Assert.NotNull(fast);
            Assert.Equal("%40scope", fast.Namespace);
            return;
        }
        Assert.Null(fast);
        CheckAll([text]); // and the public parse still gives the full parse's answer
    }

    /// <summary>Adds the canonical form of each text the full parse reads, so the fast path sees every purl's canonical form.</summary>
    private static void WithCanonicalForms(SortedSet<string> texts)
    {
        foreach (var text in texts.ToList())
            if (Attempt(() => PackageUrl.ParseFully(text, PurlParseMode.Lenient)).Purl is { } purl) texts.Add(purl.ToString());
    }

    /// <summary>Both paths on every text in both modes; the number of texts the fast path took.</summary>
    private static int CheckAll(IEnumerable<string> texts)
    {
        var taken = 0;
        foreach (var text in texts)
        {
            var fast = CanonicalPurl.TryRead(text);
            foreach (var mode in new[] { PurlParseMode.Strict, PurlParseMode.Lenient })
            {
                var (full, fullError) = Attempt(() => PackageUrl.ParseFully(text, mode));
                var (parsed, parseError) = Attempt(() => PackageUrl.Parse(text, mode));
                // The public parse answers as the full parse does, errors included.
                Assert.True((full is null) == (parsed is null), $"{text} ({mode}): full {fullError?.Message}, public {parseError?.Message}");
                if (full is null)
                {
                    Assert.Equal(fullError!.Component, parseError!.Component);
                    Assert.Equal(fullError.Message, parseError.Message);
                }
                else AssertSame(full, parsed!);

                if (fast is not null)
                {
                    Assert.True(full is not null, $"fast path took '{text}', which the full parse refuses ({mode}): {fullError?.Message}");
                    Assert.Equal(text, full.ToString());
                    AssertSame(full, fast);
                    // Hints, right or wrong, change nothing but which instances the components are.
                    foreach (var hints in new PurlComponentHints[] { new(Copy(full.Namespace), Copy(full.Name), Copy(full.Version)), new("x", "y", "z") })
                        AssertSame(full, CanonicalPurl.TryRead(text, hints) ?? throw new InvalidOperationException($"hints turned '{text}' away"));
                }
                else if (full is not null && full.ToString() == text && text.Length <= 256)
                {
                    // Declined although canonical: only for the types whose rules the fast path leaves to the full parse.
                    Assert.True(PurlTypeRules.CanonicalReadable(full.Type) is null, $"fast path declined canonical '{text}'");
                }
            }
            if (fast is not null) taken++;
        }
        return taken;
    }

    private static string? Copy(string? text) => text is null ? null : new string(text.AsSpan());

    private static (PackageUrl? Purl, PurlException? Error) Attempt(Func<PackageUrl> parse)
    {
        try { return (parse(), null); }
        catch (PurlException e) { return (null, e); }
    }

    private static void AssertSame(PackageUrl expected, PackageUrl actual)
    {
        var text = expected.ToString();
        Assert.Equal(text, actual.ToString());
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Namespace, actual.Namespace);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Subpath, actual.Subpath);
        Assert.Equal(expected.Qualifiers.ToArray(), actual.Qualifiers.ToArray());
        Assert.Equal(expected.Qualifiers.Count, actual.Qualifiers.Count);
        foreach (var (key, value) in expected.Qualifiers)
            Assert.True(actual.Qualifiers.TryGetValue(key, out var v) && v == value, $"{text}: qualifier {key}");
        Assert.Equal(expected, actual);
        Assert.Equal(expected.GetHashCode(), actual.GetHashCode());
    }

    // Up to a quote, whitespace or markup: JSON, XML and tag-value files alike.
    [GeneratedRegex("""pkg:[A-Za-z0-9.+\-]+/[^"'\s<>\\]+""")]
    private static partial Regex PurlInText();
}
