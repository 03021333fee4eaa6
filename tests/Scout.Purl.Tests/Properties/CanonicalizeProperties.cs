using System.Text;
using CsCheck;

namespace Scout.Purl.Tests.Properties;

/// <summary>
/// Generated purl strings, deliberately non-canonical (mixed-case types, extra slashes, unsorted and
/// mixed-case qualifier keys, percent-encoded or raw characters, '.'/'..'/empty subpath segments, non-ASCII).
/// </summary>
public sealed class CanonicalizeProperties
{
    private static readonly Gen<string> Type = Gen.OneOf(
        "npm", "NPM", "pypi", "PyPI", "maven", "generic", "golang", "deb", "rpm", "apk", "nuget", "gem", "cargo",
        "composer", "swift", "git", "github", "huggingface", "cpan", "hex", "pub", "docker", "oci", "julia", "swid",
        "mlflow", "conan", "brew", "vscode-extension", "x.custom+type-1");

    // Raw characters that are legal unencoded in a path segment, and ones that must be encoded.
    private static readonly Gen<string> Raw = Gen.String["abcxyzABCXYZ0189.-_~:+ é中"];
    private static readonly Gen<string> Encoded = Gen.String["ab/@?#&=%+ ,é中😀"].Select(Encode);

    private static readonly Gen<string> Piece = Gen.Frequency((4, Raw), (1, Encoded));
    private static readonly Gen<string> NonEmptyPiece = Piece.Where(p => p.Length > 0);

    private static readonly Gen<string> Namespace =
        Gen.Int[0, 3].SelectMany(n => NonEmptyPiece.Array[n, n]).Select(segments => string.Concat(segments.Select(s => s + "/")));

    private static readonly Gen<string> Version = Gen.Frequency((1, Gen.Const("")), (3, NonEmptyPiece.Select(v => "@" + v)));

    private static readonly Gen<string> QualifierKey = Gen.Select(Gen.Char["abcdXYZ"], Gen.String["abcz019._-"], (first, rest) => first + rest);
    private static readonly Gen<string> Qualifiers = Gen.Int[0, 4]
        .SelectMany(n => Gen.Select(QualifierKey, Piece.Select(v => v.Replace("&", "%26").Replace("#", "%23"))).Array[n, n])
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join('&', pairs.Select(p => p.Item1 + "=" + p.Item2)));

    private static readonly Gen<string> Subpath = Gen.Int[0, 4]
        .SelectMany(n => Gen.Frequency((5, Piece), (1, Gen.OneOf(".", "..", ""))).Array[n, n])
        .Select(segments => segments.Length == 0 ? "" : "#" + string.Join('/', segments));

    internal static readonly Gen<string> Purl = Gen.Select(
            Gen.Select(Gen.OneOf("pkg:", "pkg:/", "pkg://", "PKG:"), Type, Namespace),
            Gen.Select(NonEmptyPiece, Version, Qualifiers, Subpath),
            (head, tail) => head.Item1 + head.Item2 + "/" + head.Item3 + tail.Item1 + tail.Item2 + tail.Item3 + tail.Item4);

    [Fact]
    public void Canonicalize_is_idempotent_and_agrees_with_build_of_parse()
    {
        var accepted = 0;
        var rejected = 0;
        Purl.Sample(text =>
        {
            // Anything but a typed PurlException escaping here fails the property.
            if (!PackageUrl.TryParse(text, PurlParseMode.Lenient, out var parsed, out _))
            {
                Interlocked.Increment(ref rejected);
                return;
            }
            Interlocked.Increment(ref accepted);
            var canonical = PackageUrl.Canonicalize(text);
            Assert.Equal(parsed.ToString(), canonical);
            Assert.Equal(canonical, PackageUrl.Canonicalize(canonical));
            Assert.Equal(canonical, PackageUrl.Parse(canonical).ToString());
            var built = PackageUrl.Build(parsed.Type, parsed.Namespace, parsed.Name, parsed.Version, parsed.Qualifiers, parsed.Subpath);
            Assert.Equal(canonical, built.ToString());
            Assert.Equal(parsed, built);
            Assert.Equal(parsed.GetHashCode(), built.GetHashCode());
        }, iter: 20_000);
        // The property is not vacuous: a good share of the generated purls are valid.
        Assert.True(accepted > 5_000, $"only {accepted} of {accepted + rejected} generated purls were accepted");
    }

    [Fact]
    public void Arbitrary_text_never_throws_anything_but_purl_exception()
    {
        Gen.String["pkg:/@?#&=%2Fazé中 \t\u0000"].Sample(text =>
        {
            if (PackageUrl.TryParse(text, PurlParseMode.Lenient, out var parsed, out var error))
                Assert.Equal(parsed.ToString(), PackageUrl.Canonicalize(parsed.ToString()));
            else
                Assert.NotNull(error);
        }, iter: 20_000);
    }

    private static string Encode(string text)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text)) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
