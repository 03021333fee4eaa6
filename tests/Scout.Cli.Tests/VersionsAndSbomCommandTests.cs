using System.Text.Json;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>`scout versions compare` and `scout sbom normalize` through the real command tree, in-process.</summary>
public sealed class VersionsAndSbomCommandTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, new StringReader(stdin), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Fixture(string name) =>
        Path.Combine(TestData.RepoRoot, "tests", "Scout.Versions.Tests", "Fixtures", name);

    [Theory]
    [InlineData("Debian", "dpkg.txt")]
    [InlineData("npm", "npm.txt")]
    [InlineData("PyPI", "pypi.txt")]
    [InlineData("Maven", "maven.txt")]
    [InlineData("rpm", "rpm.txt")]
    public async Task Compare_answers_every_native_tool_fixture_line(string ecosystem, string fixture)
    {
        var lines = File.ReadAllLines(Fixture(fixture)).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var input = string.Join('\n', lines.Select(l => string.Join('\t', l.Split('\t')[..2]))) + "\n";
        var (exit, stdout, _) = await RunAsync(input, "versions", "compare", "--ecosystem", ecosystem);
        Assert.Equal(0, exit);
        Assert.Equal(lines, stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Compare_answers_a_malformed_line_and_keeps_going()
    {
        var (exit, stdout, _) = await RunAsync("1.0\t2.0\nno-tab-here\n2.0\t1.0\n", "versions", "compare", "--ecosystem", "npm");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("1.0\t2.0\tinvalid", lines[0]); // "1.0" is not SemVer: npm rejects it
        Assert.EndsWith("invalid", lines[1]);
        Assert.Equal("2.0\t1.0\tinvalid", lines[2]);
    }

    [Fact]
    public async Task Compare_with_an_unknown_ecosystem_is_exit_2()
    {
        var (exit, _, stderr) = await RunAsync("1\t2\n", "versions", "compare", "--ecosystem", "NoSuchEcosystem");
        Assert.Equal(2, exit);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Normalize_prints_the_normalized_sbom_of_a_real_document()
    {
        var file = TestData.Path("sbom", "images", "guac", "alpine-cyclonedx.json");
        var (exit, stdout, stderr) = await RunAsync("", "sbom", "normalize", file, "--format", "json");
        Assert.True(exit == 0, stderr);
        var sbom = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("cyclonedx", sbom.GetProperty("format").GetString());
        Assert.Equal("alpine", sbom.GetProperty("os").GetProperty("id").GetString());
        var packages = sbom.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(sbom.GetProperty("totalPackages").GetInt32(), packages.Count);
        // Independent count: the document's components that carry a purl, de-duplicated.
        using var raw = JsonDocument.Parse(File.ReadAllBytes(file));
        var purls = raw.RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()).Distinct().Count();
        Assert.Equal(purls, packages.Count(p => p.TryGetProperty("purl", out _)));
    }

    [Fact]
    public async Task Normalize_refuses_a_truncated_document_with_exit_2_and_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.json");
        var bytes = File.ReadAllBytes(TestData.Path("sbom", "images", "guac", "alpine-cyclonedx.json"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            var (exit, _, stderr) = await RunAsync("", "sbom", "normalize", path, "--format", "json");
            Assert.Equal(2, exit);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
