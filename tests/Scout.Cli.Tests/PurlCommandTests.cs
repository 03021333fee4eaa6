using System.Text;
using System.Text.Json;
using Scout.Cli.Commands;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>`scout purl canonicalize` run in-process on the whole purl conformance suite and on hostile input.</summary>
public sealed class PurlCommandTests
{
    // Required parse cases that fail only because a qualifier key is not lowercase; canonicalize repairs them,
    // exactly as the recommended validate cases with the same input expect (gem-test.json, rpm-test.json).
    private static readonly HashSet<string> RepairedByCanonicalize = ["gem-test.json#1", "rpm-test.json#1"];

    private static async Task<(int Exit, string[] Lines, string Error)> RunAsync(TextReader stdin)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["purl", "canonicalize"], stdin, stdout, stderr);
        var text = stdout.ToString();
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "output must end with a newline");
        var lines = text.Length == 0 ? [] : text[..^1].Split('\n');
        return (exit, lines, stderr.ToString());
    }

    [Fact]
    public async Task Canonicalizes_the_whole_conformance_suite()
    {
        var cases = new List<(string Id, string Input, string? Expected, bool Failure)>();
        var root = TestData.Path("purl", "tests");
        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var index = 0;
            foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
            {
                var id = $"{Path.GetFileName(file)}#{index++}";
                var type = test.GetProperty("test_type").GetString();
                if (type is not ("validate" or "parse")) continue;
                var failure = test.TryGetProperty("expected_failure", out var f) && f.GetBoolean();
                var expected = type == "validate" && !failure ? test.GetProperty("expected_output").GetString() : null;
                cases.Add((id, test.GetProperty("input").GetString()!, expected, failure && !RepairedByCanonicalize.Contains(id)));
            }
        }
        Assert.True(cases.Count > 400, $"only {cases.Count} conformance inputs found");

        var (exit, lines, error) = await RunAsync(new StringReader(string.Join('\n', cases.Select(c => c.Input)) + "\n"));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(cases.Count, lines.Length);
        for (var i = 0; i < cases.Count; i++)
        {
            var (id, input, expected, failure) = cases[i];
            if (failure)
                Assert.True(lines[i].StartsWith("error\t", StringComparison.Ordinal), $"{id}: '{input}' gave '{lines[i]}'");
            else if (expected is not null)
                Assert.True(expected == lines[i], $"{id}: '{input}' gave '{lines[i]}', expected '{expected}'");
            else
                Assert.True(lines[i].StartsWith("pkg:", StringComparison.Ordinal), $"{id}: '{input}' gave '{lines[i]}'");
        }
    }

    [Fact]
    public async Task One_line_out_for_every_line_in_whatever_the_bytes()
    {
        var bytes = new List<byte>();
        void Add(string s) => bytes.AddRange(Encoding.UTF8.GetBytes(s));
        Add("pkg:npm/%40angular/animation@12.3.1\n");     // canonical
        Add("\n");                                          // empty
        Add("pkg:PYPI/Django_package@1.11.1.dev1\r\n");    // CRLF
        bytes.AddRange([0x70, 0x6B, 0x67, 0x3A, 0xFF, 0xC3, 0x28, 0x0A]); // "pkg:" + invalid UTF-8
        Add(new string('a', PurlCommands.MaxLineLength * 4) + "\n");       // huge line
        Add("pkg:\t/\u0001x\n");                             // control characters
        Add("pkg:maven/org.apache.commons/io");             // last line without newline

        using var stdin = new StreamReader(new MemoryStream([.. bytes]), new UTF8Encoding(false, false));
        var (exit, lines, _) = await RunAsync(stdin);

        Assert.Equal(0, exit);
        Assert.Equal(7, lines.Length);
        Assert.Equal("pkg:npm/%40angular/animation@12.3.1", lines[0]);
        Assert.Equal("error\tempty line", lines[1]);
        Assert.Equal("pkg:pypi/django-package@1.11.1.dev1", lines[2]);
        Assert.Equal("error\tline is not valid UTF-8", lines[3]);
        Assert.StartsWith("error\tline longer than", lines[4]);
        Assert.StartsWith("error\t", lines[5]);
        Assert.Single(lines[5], '\t');
        Assert.Equal("pkg:maven/org.apache.commons/io", lines[6]);
    }

    [Fact]
    public async Task Empty_input_gives_no_output()
    {
        var (exit, lines, _) = await RunAsync(new StringReader(""));
        Assert.Equal(0, exit);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Many_lines_keep_their_order()
    {
        var inputs = Enumerable.Range(0, 5000).Select(i => $"pkg:npm/p{i}@{i}.0.0").ToArray();
        var (_, lines, _) = await RunAsync(new StringReader(string.Join("\n", inputs)));
        Assert.Equal(inputs, lines);
    }

    [Fact]
    public async Task Map_prints_the_advisory_key_or_why_there_is_none()
    {
        var stdin = new StringReader(string.Join('\n',
            "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.1?arch=amd64&upstream=glibc&distro=ubuntu-22.04",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2",
            "pkg:npm/%40babel/core@7.0.0",
            "pkg:docker/library/nginx@1.25",
            "not a purl",
            ""));
        var stdout = new StringWriter();
        var exit = await CliApp.RunAsync(["purl", "map", "--distro-id", "debian", "--distro-version", "12"], stdin, stdout, new StringWriter());
        Assert.Equal(0, exit);
        var lines = stdout.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "Ubuntu:22.04\tlibc6\tUbuntu:22.04\tglibc",
                "Debian:12\tlibssl3\tDebian:12\tlibssl3",
                "npm\t@babel/core\t\t",
                "unmapped\tno OSV advisory ecosystem for purl type 'docker'",
                "error\tscheme: missing the 'pkg:' scheme",
            ],
            lines);
    }
}
