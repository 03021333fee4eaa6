namespace Scout.Purl.Tests;

/// <summary>Invalid input is a <see cref="PurlException"/> naming the component that is wrong.</summary>
public sealed class PackageUrlErrorTests
{
    [Theory]
    [InlineData("", PurlComponent.Scheme)]
    [InlineData("npm/foo@1", PurlComponent.Scheme)]
    [InlineData("http://example.com/x", PurlComponent.Scheme)]
    [InlineData("pkg:", PurlComponent.Type)]
    [InlineData("pkg:3d/foo", PurlComponent.Type)]
    [InlineData("pkg:n%70m/foo", PurlComponent.Type)]
    [InlineData("pkg:npm", PurlComponent.Name)]
    [InlineData("pkg:npm/", PurlComponent.Name)]
    [InlineData("pkg:npm/@1.0", PurlComponent.Name)]
    [InlineData("pkg:npm/fo%zzo", PurlComponent.Name)]
    [InlineData("pkg:npm/foo%E2%28", PurlComponent.Name)]
    [InlineData("pkg:npm/foo@", PurlComponent.Version)]
    [InlineData("pkg:npm/foo@1%2", PurlComponent.Version)]
    [InlineData("pkg:deb/curl@7", PurlComponent.Namespace)]
    [InlineData("pkg:pypi/acme/django@1", PurlComponent.Namespace)]
    [InlineData("pkg:npm/a%2Fb/c@1", PurlComponent.Namespace)]
    [InlineData("pkg:npm/foo@1?Arch=x86", PurlComponent.Qualifiers)]
    [InlineData("pkg:npm/foo@1?arch", PurlComponent.Qualifiers)]
    [InlineData("pkg:npm/foo@1?1arch=x", PurlComponent.Qualifiers)]
    [InlineData("pkg:npm/foo@1?a=1&a=2", PurlComponent.Qualifiers)]
    [InlineData("pkg:julia/Dates@1.9.0", PurlComponent.Qualifiers)]
    [InlineData("pkg:npm/foo@1#a%2Fb", PurlComponent.Subpath)]
    [InlineData("pkg:deb/ubuntu/linux?arch=src?distro=jammy", PurlComponent.Name)]
    public void Names_the_wrong_component(string text, PurlComponent component)
    {
        var error = Assert.Throws<PurlException>(() => PackageUrl.Parse(text));
        Assert.Equal(component, error.Component);
        Assert.IsAssignableFrom<FormatException>(error);
        Assert.False(PackageUrl.TryParse(text, out var purl, out var tried));
        Assert.Null(purl);
        Assert.Equal(component, tried!.Component);
    }

    [Fact]
    public void Lenient_mode_repairs_only_key_case_and_surrounding_whitespace()
    {
        Assert.Equal("pkg:npm/foo@1?arch=x86", PackageUrl.Canonicalize("  pkg:npm/foo@1?Arch=x86 \t"));
        Assert.Throws<PurlException>(() => PackageUrl.Canonicalize("pkg:npm/foo@1?a=1&A=2"));
    }

    [Fact]
    public void Build_validates_like_parse()
    {
        Assert.Equal(PurlComponent.Type, Assert.Throws<PurlException>(() => PackageUrl.Build("n pm", null, "x")).Component);
        Assert.Equal(PurlComponent.Name, Assert.Throws<PurlException>(() => PackageUrl.Build("npm", null, "")).Component);
        Assert.Equal(PurlComponent.Namespace, Assert.Throws<PurlException>(() => PackageUrl.Build("cargo", "x", "y")).Component);
        Assert.Equal(PurlComponent.Qualifiers,
            Assert.Throws<PurlException>(() => PackageUrl.Build("npm", null, "x", qualifiers: new Dictionary<string, string> { ["a b"] = "c" })).Component);
    }

    [Fact]
    public void Components_are_decoded_and_normalized()
    {
        var purl = PackageUrl.Parse("pkg:NPM/%40babel/core@7.0.0%2Bx?b=2&a=%2F#/lib/./../x/");
        Assert.Equal("npm", purl.Type);
        Assert.Equal("@babel", purl.Namespace);
        Assert.Equal("core", purl.Name);
        Assert.Equal("7.0.0+x", purl.Version);
        Assert.Equal(["a", "b"], purl.Qualifiers.Keys);
        Assert.Equal("/", purl.Qualifiers["a"]);
        Assert.Equal("lib/x", purl.Subpath);
        Assert.Equal("pkg:npm/%40babel/core@7.0.0%2Bx?a=%2F&b=2#lib/x", purl.ToString());
        Assert.Equal(purl, PackageUrl.Parse(purl.ToString()));
        Assert.True(purl == PackageUrl.Parse(purl.ToString()));
    }

    [Fact]
    public void Lone_surrogates_are_rejected()
    {
        Assert.Equal(PurlComponent.Name, Assert.Throws<PurlException>(() => PackageUrl.Parse("pkg:npm/a\uD800b@1")).Component);
        Assert.Equal(PurlComponent.Version, Assert.Throws<PurlException>(() => PackageUrl.Build("npm", null, "a", "1\uDC00")).Component);
        Assert.Equal("pkg:npm/%F0%9F%98%80", PackageUrl.Build("npm", null, "\uD83D\uDE00").ToString());
    }

    [Fact]
    public void Empty_qualifier_values_are_dropped() =>
        Assert.Equal("pkg:npm/foo@1", PackageUrl.Parse("pkg:npm/foo@1?arch=&os=").ToString());

    [Fact]
    public void Non_ascii_is_utf8_percent_encoded() =>
        Assert.Equal("pkg:generic/caf%C3%A9@1", PackageUrl.Build("generic", null, "café", "1").ToString());
}
