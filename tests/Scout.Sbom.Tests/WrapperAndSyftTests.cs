using System.Text;
using Scout.Core.Model;

namespace Scout.Sbom.Tests;

public class WrapperAndSyftTests
{
    private static byte[] Real(string relative) => File.ReadAllBytes(Path.Combine(SbomFiles.Root, relative));

    private static string Dsse(byte[] payload, string type = "application/vnd.in-toto+json") =>
        $"{{\"payloadType\":\"{type}\",\"payload\":\"{Convert.ToBase64String(payload)}\",\"signatures\":[{{\"keyid\":\"\",\"sig\":\"MEUCIQ==\"}}]}}";

    private static string Statement(byte[] predicate, string predicateType) =>
        $"{{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"{predicateType}\"," +
        $"\"subject\":[{{\"name\":\"docker.io/library/alpine\",\"digest\":{{\"sha256\":\"abc\"}}}}],\"predicate\":{Encoding.UTF8.GetString(predicate)}}}";

    [Theory]
    [InlineData("images/guac/alpine-cyclonedx.json", "https://cyclonedx.org/bom")]
    [InlineData("images/guac/alpine-spdx.json", "https://spdx.dev/Document")]
    public void A_dsse_envelope_around_an_in_toto_statement_gives_the_same_packages(string file, string predicateType)
    {
        var plain = new SbomNormalizer().Normalize(Real(file));
        var statement = Statement(Real(file), predicateType);
        var viaStatement = new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(statement));
        var viaDsse = new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(Dsse(Encoding.UTF8.GetBytes(statement))));
        Assert.Equal(plain.Packages.Select(p => p.Purl), viaStatement.Packages.Select(p => p.Purl));
        Assert.Equal(plain.Packages.Select(p => p.Purl), viaDsse.Packages.Select(p => p.Purl));
        Assert.Equal(plain.Os, viaDsse.Os);
        Assert.Equal(plain.Format, viaDsse.Format);
    }

    [Fact]
    public void Cosign_predicate_data_string_is_unwrapped()
    {
        var spdx = Encoding.UTF8.GetString(Real("images/guac/alpine-spdx.json"));
        var statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://spdx.dev/Document\",\"subject\":[]," +
                        $"\"predicate\":{{\"Data\":{System.Text.Json.JsonSerializer.Serialize(spdx)},\"Timestamp\":\"2023-01-01T00:00:00Z\"}}}}";
        var result = new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(statement));
        Assert.Equal(new SbomNormalizer().Normalize(Real("images/guac/alpine-spdx.json")).TotalPackages, result.TotalPackages);
    }

    [Fact]
    public void Syft_json_gives_packages_locations_sources_subject_and_distro()
    {
        var syft = """
            {"artifacts":[
              {"id":"a1","name":"libc6","version":"2.36-9","type":"deb","foundBy":"dpkg-db-cataloger",
               "locations":[{"path":"/var/lib/dpkg/status","layerID":"sha256:1"},{"path":"/usr/share/doc/libc6/copyright","layerID":"sha256:1"}],
               "licenses":[{"value":"GPL-2.0-or-later","spdxExpression":"GPL-2.0-or-later","type":"declared"}],
               "purl":"pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12",
               "metadataType":"dpkg-db-entry","metadata":{"package":"libc6","source":"glibc","installedSize":12000,"maintainer":"GNU Libc Maintainers <debian-glibc@lists.debian.org>"}},
              {"id":"a2","name":"zlib1g","version":"1:1.2.13","type":"deb","locations":[{"path":"/var/lib/dpkg/status"}],"licenses":["Zlib"],
               "purl":"pkg:deb/debian/zlib1g@1:1.2.13?arch=amd64&distro=debian-12","metadata":{"source":"zlib"}},
              {"id":"a3","name":"mystery","version":"1","type":"binary","locations":[{"path":"/opt/mystery"}]}],
             "artifactRelationships":[{"parent":"a2","child":"a1","type":"dependency-of"}],
             "source":{"id":"s1","name":"debian","version":"sha256:deadbeef","type":"image","metadata":{"userInput":"debian:12"}},
             "distro":{"prettyName":"Debian GNU/Linux 12 (bookworm)","name":"Debian GNU/Linux","id":"debian","versionID":"12"},
             "descriptor":{"name":"syft","version":"1.0.0"},"schema":{"version":"16.0.0"}}
            """;
        var result = new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(syft));
        Assert.Equal("syft", result.Format);
        Assert.Equal(new OsRelease("debian", "12"), result.Os);
        Assert.Equal("debian", result.Subject?.Name);
        Assert.Equal(3, result.TotalPackages);
        var libc = result.Packages.Single(p => p.Name == "libc6");
        Assert.Equal("glibc", libc.SourcePackage);
        Assert.Equal(12000L * 1024, libc.Size);
        Assert.Equal(["/var/lib/dpkg/status", "/usr/share/doc/libc6/copyright"], libc.FilePaths);
        Assert.Equal(["GPL-2.0-or-later"], libc.Licenses);
        Assert.Equal("deb", libc.Type);
        Assert.Equal("debian", libc.Namespace);
        // syft: "zlib1g dependency-of libc6" -> libc6 depends on zlib1g; nothing depends on libc6, so it is top-level.
        Assert.Equal(DependencyType.Direct, libc.DependencyType);
        Assert.Equal(DependencyType.Transitive, result.Packages.Single(p => p.Name == "zlib1g").DependencyType);
        var mystery = result.Packages.Single(p => p.Name == "mystery");
        Assert.Null(mystery.Purl);
        Assert.Contains(result.Warnings, w => w.Path == "$.artifacts[2]" && w.Message.Contains("no purl"));
    }

    [Fact]
    public void Spdx_tag_value_and_json_of_the_same_image_agree()
    {
        var json = new SbomNormalizer().Normalize(Real("images/trivy/centos-7-spdx.json"));
        var tv = new SbomNormalizer().Normalize(Real("images/trivy/centos-7-spdx.txt"));
        Assert.Equal(json.Packages.Select(p => (p.Purl, p.SourcePackage, p.DependencyType, p.LicenseExpression)),
            tv.Packages.Select(p => (p.Purl, p.SourcePackage, p.DependencyType, p.LicenseExpression)));
        Assert.Equal(json.Subject?.Name, tv.Subject?.Name);
    }

    [Fact]
    public void Spdx3_json_ld_reads_packages_and_purls()
    {
        var result = new SbomNormalizer().Normalize(Real("spdx/3.0/spdx-spec-examples/jsonld/package_sbom.json"));
        Assert.Equal("spdx", result.Format);
        Assert.StartsWith("3.", result.SpecVersion);
        // The document's one package is its root element: the subject, not one of its packages.
        Assert.Equal("my-package", result.Subject?.Name);
        Assert.Equal(result.Packages.Count, result.TotalPackages);
    }

    [Fact]
    public void Trailing_web_page_text_after_the_document_is_a_warning()
    {
        var result = new SbomNormalizer().Normalize(Real("spdx/conformance/invalid/bom-shelter-in-the-wild/powershell-2.2.6.spdx.json"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("trailing content that is not JSON"));
        Assert.NotEmpty(result.Packages);
    }
}
