using System.Text;
using System.Text.Json;
using Scout.Cli.Commands;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Sbom;
using Scout.Testing;
using Xunit;

namespace Scout.Cli.Tests;

/// <summary>`sbom normalize` writes its JSON by hand (NormalizedSbomWriter); it must stay what the serializer writes.</summary>
public sealed class NormalizedSbomWriterTests
{
    [Fact]
    public void Writes_what_the_serializer_writes_for_every_test_sbom()
    {
        var files = Directory.EnumerateFiles(TestData.Path("sbom"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/schema/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var typeInfo = ScoutJson.TypeInfo<NormalizedSbom>(NormalizedSbomWriter.Options);
        var compared = 0;
        foreach (var file in files)
        {
            NormalizedSbom sbom;
            try
            {
                sbom = new SbomNormalizer().Normalize(File.ReadAllBytes(file));
            }
            catch (SbomFormatException)
            {
                continue;
            }
            var expected = JsonSerializer.Serialize(sbom, typeInfo);
            var written = new MemoryStream();
            NormalizedSbomWriter.Write(written, sbom);
            Assert.True(expected == Encoding.UTF8.GetString(written.ToArray()), $"{file}: the written JSON differs from the serializer's");
            compared++;
        }
        // Most of them are SBOMs (the rest are refusals, checked elsewhere): the comparison covered real documents.
        Assert.True(compared > files.Count / 2, $"only {compared} of {files.Count} test files normalized");
    }

    [Theory]
    [InlineData("images/guac/oci-spdx.json")] // non-ASCII and escaped text: the escaping path
    [InlineData("cyclonedx/1.5/cdxgen/bom-postgen-test.json")]
    public async Task The_process_prints_the_serializers_json_and_a_newline_on_its_real_stdout(string file)
    {
        // The process's own stdout is written unbuffered by CliJsonOutput (the in-process tests swap the console).
        var path = TestData.Path(["sbom", .. file.Split('/')]);
        var expected = JsonSerializer.Serialize(new SbomNormalizer().Normalize(File.ReadAllBytes(path)), ScoutJson.TypeInfo<NormalizedSbom>(NormalizedSbomWriter.Options));
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "sbom", "normalize", path);
        Assert.True(code == 0, stderr);
        Assert.True(expected + Environment.NewLine == stdout, $"{file}: the process's output differs from the serializer's");
    }

    [Fact]
    public void Writes_every_optional_field_and_the_nulls_the_serializer_keeps()
    {
        var sbom = new NormalizedSbom
        {
            Format = "cyclonedx", SpecVersion = "1.6",
            Subject = new SbomSubject { Name = "image", Version = "sha256:00", Purl = "pkg:oci/image@sha256%3A00", Type = "container" },
            Os = new OsRelease("debian", null),
            TotalPackages = 2,
            Packages =
            [
                new PackageRecord
                {
                    Purl = "pkg:deb/debian/libc6@2.36?arch=amd64", Type = "deb", Namespace = "debian", Name = "libc6", Version = "2.36",
                    Licenses = ["LGPL-2.1-or-later"], LicenseExpression = "LGPL-2.1-or-later", Author = "A <a@example.com> & co",
                    Description = "line\nbreak \"quoted\" é", Size = 12_345_678_901, FilePaths = ["/usr/lib/x.so"],
                    DependencyType = DependencyType.Transitive, SourcePackage = "glibc", SourceVersion = "2.36-9", Layer = "sha256:11", Origin = "base",
                },
                new PackageRecord { Name = "bare" },
            ],
            Warnings = [new SbomWarning("$.components[1]", "component 'bare' has no purl; kept without one")],
        };
        var written = new MemoryStream();
        NormalizedSbomWriter.Write(written, sbom);
        Assert.Equal(JsonSerializer.Serialize(sbom, ScoutJson.TypeInfo<NormalizedSbom>(NormalizedSbomWriter.Options)), Encoding.UTF8.GetString(written.ToArray()));
    }
}
