using System.Text;

namespace Scout.Sbom.Tests;

/// <summary>Documents built to hurt: each is refused with a typed error naming the format, where, and the limit.</summary>
public class HostileTests
{
    private static async Task<SbomFormatException> Refused(string document, SbomLimits? limits = null) => await Refused(Encoding.UTF8.GetBytes(document), limits);

    private static async Task<SbomFormatException> Refused(byte[] document, SbomLimits? limits = null)
    {
        var (result, refusal) = await SbomFiles.NormalizeGuarded(document, limits);
        Assert.Null(result);
        Assert.NotNull(refusal);
        return refusal;
    }

    [Fact]
    public async Task Json_depth_bomb_names_the_depth_limit()
    {
        var e = await Refused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"x\":" + new string('[', 200_000) + new string(']', 200_000) + "}");
        Assert.Equal("max depth 64", e.Limit);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public async Task Xml_depth_bomb_names_the_depth_limit()
    {
        var sb = new StringBuilder("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components>");
        for (var i = 0; i < 5000; i++) sb.Append("<component type=\"library\"><name>a</name><components>");
        var e = await Refused(sb.ToString());
        Assert.Equal("max depth 64", e.Limit);
    }

    [Fact]
    public async Task Xml_dtd_and_external_entities_are_refused_never_resolved()
    {
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "SECRET-CONTENT");
        try
        {
            var xxe = $"<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file://{secret}\">]>" +
                      "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component type=\"library\"><name>&x;</name></component></components></bom>";
            var e = await Refused(xxe);
            Assert.Equal("cyclonedx-xml", e.Format);
            Assert.Contains("DTD", e.Reason);
            Assert.DoesNotContain("SECRET", e.Message);
            var laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]><bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">&lol2;</bom>";
            Assert.Contains("DTD", (await Refused(laughs)).Reason);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task Giant_string_names_the_string_limit()
    {
        var e = await Refused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\",\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}]}");
        Assert.StartsWith("max string length", e.Limit);
        Assert.Equal("cyclonedx-json", e.Format);
    }

    [Fact]
    public async Task Giant_number_names_the_string_limit()
    {
        var e = await Refused("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":" + new string('9', 2 * 1024 * 1024) + "}");
        Assert.StartsWith("max string length", e.Limit);
    }

    [Fact]
    public async Task Truncated_json_names_the_line()
    {
        var e = await Refused("{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":\"1.6\",\n\"components\":[{\"type\":\"library\",\"name\":\"a\"");
        Assert.Contains("malformed JSON", e.Reason);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public async Task Too_many_components_names_the_cap()
    {
        var sb = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
        for (var i = 0; i < 1001; i++) sb.Append(i == 0 ? "" : ",").Append($"{{\"type\":\"library\",\"name\":\"p{i}\",\"purl\":\"pkg:npm/p{i}@1.0.0\"}}");
        sb.Append("]}");
        var e = await Refused(sb.ToString(), SbomLimits.Default with { MaxComponents = 1000 });
        Assert.Equal("max components 1000", e.Limit);
        Assert.Equal("$.components[1000]", e.Path);
    }

    [Fact]
    public async Task Oversized_document_names_the_size_limit()
    {
        var e = await Refused(new byte[2048], SbomLimits.Default with { MaxDocumentBytes = 1024 });
        Assert.StartsWith("max document size", e.Limit);
    }

    [Theory]
    [InlineData("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"2.0\",\"components\":[]}", "unsupported CycloneDX specVersion")]
    [InlineData("{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}", "is not \"CycloneDX\"")]
    [InlineData("{\"spdxVersion\":\"SPDX-9.9\",\"packages\":[]}", "unsupported spdxVersion")]
    [InlineData("<bom xmlns=\"http://cyclonedx.org/schema/bom/3.0\"/>", "unsupported CycloneDX specVersion")]
    [InlineData("SPDXVersion: SPDX-1.2\nDocumentName: x\n", "unsupported spdxVersion")]
    [InlineData("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"!!!not base64!!!\"}", "not base64")]
    [InlineData("[1,2,3]", "not an SBOM object")]
    [InlineData("", "empty")]
    public async Task Wrong_versions_and_shapes_are_refused(string document, string reason)
    {
        Assert.Contains(reason, (await Refused(document)).Reason);
    }

    [Fact]
    public async Task Attestations_wrapped_too_deeply_are_refused()
    {
        var doc = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}";
        for (var i = 0; i < 6; i++)
            doc = $"{{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(doc))}\"}}";
        var e = await Refused(doc);
        Assert.StartsWith("max wrapping", e.Limit);
    }
}
