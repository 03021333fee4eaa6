using Scout.Versions.Schemes;

namespace Scout.Versions.Tests;

/// <summary>The `scout versions compare` line protocol (the CLI command is a thin shell over it).</summary>
public class VersionCompareLinesTests
{
    [Theory]
    [InlineData("dpkg", "deb")]
    [InlineData("maven", "Maven")]
    [InlineData("composer", "Packagist")]
    public void Answers_every_fixture_line_as_the_native_tool_did(string fixture, string ecosystem)
    {
        var lines = File.ReadLines(Fixtures.PathOf(fixture)).Where(l => !l.StartsWith('#')).ToList();
        var input = string.Join("\n", lines.Select(l => l[..l.LastIndexOf('\t')])) + "\n";
        var output = new StringWriter();
        var count = VersionCompareLines.Run(VersionSchemes.ForEcosystem(ecosystem)!, new StringReader(input), output);
        Assert.Equal(lines.Count, count);
        Assert.Equal(lines, output.ToString().Split('\n', StringSplitOptions.None)[..^1]);
    }

    [Fact]
    public void Malformed_lines_are_answered_invalid_and_the_stream_goes_on()
    {
        var output = new StringWriter();
        VersionCompareLines.Run(Pep440VersionScheme.Instance, new StringReader("no tab\n\n1\t2\t3\n1.0\t1.0.0\r\nnope\t1\n"), output);
        Assert.Equal("no tab\tinvalid\n\tinvalid\n1\t2\t3\tinvalid\n1.0\t1.0.0\t0\nnope\t1\tinvalid\n", output.ToString());
    }
}
