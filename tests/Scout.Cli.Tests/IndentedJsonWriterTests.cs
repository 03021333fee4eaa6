using System.Text;
using System.Text.Json;
using Scout.Cli.Commands;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Cli.Tests;

/// <summary>
/// `sbom normalize`'s hand-made writer (IndentedJsonWriter, PackageRecordJson) against System.Text.Json: the same bytes
/// for every string the relaxed encoder escapes or keeps, for nesting, empty containers, nulls and numbers, and across
/// the writer's 1 MB buffer.
/// </summary>
public sealed class IndentedJsonWriterTests
{
    // Strings the encoder treats specially: quotes, backslashes, every control character, HTML-sensitive characters
    // (kept by relaxed escaping), non-ASCII, surrogate pairs, lone surrogates, line/paragraph separators, BOM,
    // private use, an unassigned code point and the replacement character.
    private static readonly string[] Tricky =
    [
        "", "\"", "\\", "a\"b\\c", "<script>&amp;</script>", "a+b=c", "'`~", "tab\there", "line\nbreak\r\n", "\0", "\u007f", "\u0080",
        "é", "naïve café", "日本語", "emoji 😀 pair", "\ud83d", "x\ude00y", "\u2028\u2029", "\ufeff", "\ue000", "\u0378", "\ufffd",
        "Author <a@example.com> & co", "pkg:npm/%40scope/name@1.0.0?arch=amd64&distro=debian-12#sub/path",
        string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)), "plain ascii text that is longer than sixteen characters",
    ];

    private static JsonSerializerOptions Options => NormalizedSbomWriter.Options;

    [Fact]
    public void The_fast_path_takes_exactly_the_ascii_strings_the_serializer_writes_unescaped()
    {
        // Every ASCII character at every position of strings of 1 to 19 characters (the 4-character steps and the tail).
        var checkedStrings = 0;
        for (var c = 0; c < 0x80; c++)
            for (var length = 1; length < 20; length++)
                for (var at = 0; at < length; at++)
                {
                    var value = new string('a', at) + (char)c + new string('z', length - at - 1);
                    var serialized = JsonSerializer.Serialize(value, Options);
                    var copy = new byte[length];
                    var plain = IndentedJsonWriter.TryCopyPlain(value, copy);
                    Assert.True(plain == (serialized == $"\"{value}\""), $"char 0x{c:x2} at {at} of {length}: fast path {plain}, serializer {serialized}");
                    if (plain) Assert.Equal(value, Encoding.ASCII.GetString(copy));
                    checkedStrings++;
                }
        Assert.Equal(0x80 * 190, checkedStrings);
    }

    [Fact]
    public void The_fast_path_leaves_every_non_ascii_character_to_the_escaping_writer()
    {
        var copy = new byte[8];
        for (var c = 0x80; c <= 0xFFFF; c++)
            Assert.False(IndentedJsonWriter.TryCopyPlain($"ab{(char)c}d", copy), $"char 0x{c:x4}");
    }

    [Fact]
    public void Strings_values_are_written_as_the_serializer_writes_them()
    {
        foreach (var value in Tricky)
        {
            var expected = JsonSerializer.Serialize(new[] { value, value + value }, Options);
            Assert.Equal(expected, Written(w =>
            {
                w.StartArray();
                w.String(value);
                w.String(value + value);
                w.EndArray();
            }));
        }
    }

    [Fact]
    public void Nesting_empty_containers_nulls_and_numbers_are_laid_out_as_the_serializer_lays_them_out()
    {
        var value = new Dictionary<string, object?>
        {
            ["empty object"] = new Dictionary<string, object?>(),
            ["empty array"] = Array.Empty<string>(),
            ["nested"] = new Dictionary<string, object?> { ["deeper"] = new object?[] { new Dictionary<string, object?> { ["n"] = long.MinValue }, Array.Empty<int>(), null, long.MaxValue, 0L } },
            ["last"] = null,
        };
        var expected = JsonSerializer.Serialize(value, Options);
        Assert.Equal(expected, Written(w =>
        {
            w.StartObject();
            w.PropertyName("empty object"u8); w.StartObject(); w.EndObject();
            w.PropertyName("empty array"u8); w.StartArray(); w.EndArray();
            w.PropertyName("nested"u8); w.StartObject();
            w.PropertyName("deeper"u8); w.StartArray();
            w.StartObject(); w.PropertyName("n"u8); w.Number(long.MinValue); w.EndObject();
            w.StartArray(); w.EndArray();
            w.Null(); w.Number(long.MaxValue); w.Number(0);
            w.EndArray();
            w.EndObject();
            w.PropertyName("last"u8); w.Null();
            w.EndObject();
        }));
    }

    [Fact]
    public void Nesting_is_laid_out_to_the_deepest_level_and_refused_beyond_it()
    {
        var nested = Enumerable.Range(0, 31).Aggregate((object)"leaf", (inner, _) => new[] { inner });
        Assert.Equal(JsonSerializer.Serialize(nested, Options), Written(w =>
        {
            for (var i = 0; i < 31; i++) w.StartArray();
            w.String("leaf");
            for (var i = 0; i < 31; i++) w.EndArray();
        }));
        Assert.Throws<InvalidOperationException>(() => Written(w =>
        {
            for (var i = 0; i < 33; i++) w.StartArray();
        }));
    }

    [Fact]
    public void Strings_longer_than_the_buffer_are_written_whole()
    {
        foreach (var value in new[] { new string('x', 200_000), new string('y', 3_000_000), string.Concat(Enumerable.Repeat("é\"\n", 500_000)) })
            Assert.Equal(JsonSerializer.Serialize(new[] { "before", value, "after" }, Options), Written(w =>
            {
                w.StartArray();
                w.String("before");
                w.String(value);
                w.String("after");
                w.EndArray();
            }));
    }

    [Fact]
    public void Packages_with_strings_that_need_escaping_next_to_plain_ones_are_written_as_the_serializer_writes_them()
    {
        // Each tricky string in every string field, between plain packages (the one-pass path) and as the first
        // package; enough of them to cross the writer's buffer several times.
        var packages = new List<PackageRecord>();
        for (var round = 0; round < 400; round++)
            foreach (var tricky in Tricky)
            {
                packages.Add(Package(tricky, round));
                packages.Add(Package($"plain {round}", round));
            }
        var sbom = new NormalizedSbom
        {
            Format = "cyclonedx", SpecVersion = "1.6", Subject = new SbomSubject { Name = Tricky[^3] }, Os = new OsRelease(null, null),
            TotalPackages = packages.Count, Packages = packages, Warnings = [new SbomWarning("$.x", Tricky[3])],
        };
        var written = new MemoryStream();
        NormalizedSbomWriter.Write(written, sbom);
        Assert.True(written.Length > 3 << 20, $"only {written.Length} bytes: the buffer was not crossed several times");
        Assert.Equal(JsonSerializer.Serialize(sbom, ScoutJson.TypeInfo<NormalizedSbom>(Options)), Encoding.UTF8.GetString(written.ToArray()));
    }

    private static PackageRecord Package(string text, int round) => new()
    {
        Purl = round % 7 == 0 ? null : $"pkg:generic/{text}@1", Type = round % 11 == 0 ? null : "generic", Namespace = round % 2 == 0 ? text : null, Name = text, Version = text,
        Licenses = round % 3 == 0 ? [] : [text, "MIT"], LicenseExpression = text, Author = text, Description = text + new string('d', round),
        Size = round % 5 == 0 ? null : round * 1_000_000_007L - 3, FilePaths = round % 4 == 0 ? new List<string>() : new List<string> { "/a", text },
        DependencyType = (DependencyType)(round % 3), SourcePackage = text, SourceVersion = round % 2 == 0 ? null : text,
        Layer = round % 2 == 0 ? null : text, Origin = round % 3 == 0 ? "base" : null,
    };

    private static string Written(Action<IndentedJsonWriter> write)
    {
        var output = new MemoryStream();
        var writer = new IndentedJsonWriter(output);
        write(writer);
        writer.Flush();
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
