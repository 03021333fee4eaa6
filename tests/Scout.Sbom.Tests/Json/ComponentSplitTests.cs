using System.Text;
using System.Text.Json;
using Scout.Core.Serialization;
using Scout.Sbom.Json;

namespace Scout.Sbom.Tests.Json;

/// <summary>
/// A big components array read on two threads (shared/Scout.Sbom/Json/ComponentSplit.cs) gives exactly what one thread
/// gives: the same packages in the same order, the same warnings with the same paths, the same refusals with the same
/// lines; whether the parts joined or the document's reader read on past a guess that did not hold.
/// </summary>
public class ComponentSplitTests
{
    private static readonly SbomLimits OneThread = new() { ParallelReadMinBytes = 0 };
    private static readonly SbomLimits Split = new() { ParallelReadMinBytes = 1 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_clean_array_is_read_in_two_parts_that_join(bool indented)
    {
        var document = Document(400, indented: indented);
        Assert.True(SameBothWays(document, Split), "the parts did not join");
    }

    [Fact]
    public void A_bom_ref_repeated_across_the_parts_is_reported_at_its_second_place()
    {
        var document = Document(400, component: i => i == 390 ? Component(7) : Component(i));
        Assert.True(SameBothWays(document, Split), "the parts did not join");
        var warning = Assert.Single(new SbomNormalizer(Split).Normalize(document).Warnings, w => w.Message.Contains("not unique", StringComparison.Ordinal));
        Assert.Equal("$.components[390].bom-ref", warning.Path);
        Assert.Contains("also at $.components[7].bom-ref", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_in_the_second_part_is_reported_with_its_own_index()
    {
        var document = Document(400, component: i => i == 350 ? Component(i).Replace("\"type\":\"library\"", "\"type\":\"gadget\"", StringComparison.Ordinal) : Component(i));
        SameBothWays(document, Split);
        Assert.Contains(new SbomNormalizer(Split).Normalize(document).Warnings, w => w.Path == "$.components[350].type");
    }

    [Fact]
    public void Nested_components_in_the_second_part_keep_their_paths_and_edges()
    {
        var nested = $",\"components\":[{Component(9000)},{Component(9001)}]";
        var document = Document(400, component: i => i == 300 ? Component(i)[..^1] + nested + "}" : Component(i));
        SameBothWays(document, Split);
        var result = new SbomNormalizer(Split).Normalize(document);
        Assert.Equal(402, result.TotalPackages);
    }

    [Fact]
    public void A_guess_inside_a_nested_array_is_not_joined_and_changes_nothing()
    {
        // One component holds most of the document in its nested components: the middle is inside them, where the
        // bytes look like a top-level boundary but are not one.
        var nested = string.Join(",", Enumerable.Range(1000, 400).Select(Component));
        var document = Document(3, component: i => i == 1 ? Component(i)[..^1] + $",\"components\":[{nested}]}}" : Component(i));
        Assert.False(SameBothWays(document, Split), "joined at a nested array");
    }

    [Theory]
    [InlineData("/* a comment */")]
    [InlineData("\n\t \r\n")]
    public void What_lies_between_components_of_the_second_part_is_read_as_one_thread_reads_it(string between)
    {
        var document = Document(400, separator: i => i == 300 ? between + "," : ",");
        SameBothWays(document, Split);
    }

    [Fact]
    public void A_trailing_comma_at_the_end_of_the_array_is_read_as_one_thread_reads_it()
    {
        var document = Encoding.UTF8.GetString(Document(400)).Replace("}],\"dependencies\"", "},],\"dependencies\"", StringComparison.Ordinal);
        SameBothWays(Encoding.UTF8.GetBytes(document), Split);
    }

    [Theory]
    [InlineData(20)] // in the first part
    [InlineData(380)] // in the second part
    public void Malformed_json_is_refused_at_the_same_line_wherever_it_is(int at)
    {
        var document = Document(400, indented: true, component: i => i == at ? Component(i).Replace("\"name\":", "\"name\"", StringComparison.Ordinal) : Component(i));
        var (oneThread, split) = (Refusal(document, OneThread), Refusal(document, Split));
        Assert.NotNull(oneThread);
        Assert.Equal(oneThread, split);
    }

    [Fact]
    public void Malformed_json_after_the_array_is_refused_at_the_same_line()
    {
        var text = Encoding.UTF8.GetString(Document(400, indented: true));
        var document = Encoding.UTF8.GetBytes(text.Replace("\"dependsOn\":", "\"dependsOn\" [", StringComparison.Ordinal));
        var (oneThread, split) = (Refusal(document, OneThread), Refusal(document, Split));
        Assert.NotNull(oneThread);
        Assert.Contains("line", oneThread, StringComparison.Ordinal);
        Assert.Equal(oneThread, split);
    }

    [Fact]
    public void The_component_cap_counts_both_parts()
    {
        var document = Document(400);
        var capped = Split with { MaxComponents = 399 };
        Assert.Equal(Refusal(document, capped with { ParallelReadMinBytes = 0 }), Refusal(document, capped));
        Assert.Contains("more than 399 components", Refusal(document, capped), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Nesting_near_the_depth_limit_in_the_second_part_is_judged_as_one_thread_judges_it(int maxDepth)
    {
        // Every component nests 6 deep (document, components, component, licenses, choice, license); component 350 nests 7.
        var deep = ",\"x\":{\"a\":{\"b\":{\"c\":{}}}}";
        var document = Document(400, component: i => i == 350 ? Component(i)[..^1] + deep + "}" : Component(i));
        var limits = Split with { MaxDepth = maxDepth };
        Assert.Equal(Refusal(document, limits with { ParallelReadMinBytes = 0 }), Refusal(document, limits));
        if (Refusal(document, limits) is null) SameBothWays(document, limits);
    }

    [Fact]
    public void Every_real_json_sbom_gives_the_same_result_read_in_two_parts()
    {
        var checkedFiles = 0;
        foreach (var file in SbomFiles.Under().Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(file);
            var oneThread = Outcome(bytes, OneThread);
            var split = Outcome(bytes, Split);
            Assert.True(oneThread == split, $"{SbomFiles.Relative(file)}: a split read differs from a one-thread read");
            checkedFiles++;
        }
        Assert.True(checkedFiles > 50, $"only {checkedFiles} JSON SBOMs found under {SbomFiles.Root}");
    }

    [Fact]
    public void A_guess_inside_an_element_read_whole_is_not_joined_and_the_element_is_read_from_the_document()
    {
        // The middle falls inside one component's pedigree, which the reader takes as one element (JsonSource.Element):
        // the reader is given the rest of the document while inside it, and the element must still come out whole.
        var ancestors = string.Join(",", Enumerable.Range(2000, 400).Select(Component));
        var document = Document(3, component: i => i == 1 ? Component(i)[..^1] + $",\"pedigree\":{{\"ancestors\":[{ancestors}],\"patches\":[{{\"type\":\"bogus\"}}]}}}}" : Component(i));
        Assert.False(SameBothWays(document, Split), "joined inside a pedigree");
        // The pedigree's last member, after the guess: checked only if the element was read to its end.
        Assert.Contains(new SbomNormalizer(Split).Normalize(document).Warnings, w => w.Message.Contains("'bogus' is not a valid patch type", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // read in two parts: the second part's bom-refs are found as well
    public void Dependency_refs_share_the_strings_of_the_bom_refs_they_name(int parallelReadMinBytes)
    {
        var components = string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"bom-ref\":\"ref-{i}\",\"type\":\"library\",\"name\":\"n{i}\"}}"));
        var dependencies = string.Join(",", Enumerable.Range(0, 299).Select(i => $"{{\"ref\":\"ref-{i}\",\"dependsOn\":[\"ref-{i + 1}\"]}}"));
        var document = Encoding.UTF8.GetBytes($"{{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{components}],\"dependencies\":[{dependencies}]}}");
        var raw = JsonSbomReader.Read(document, new SbomLimits { ParallelReadMinBytes = parallelReadMinBytes }, 0);
        var byRef = raw.Packages.ToDictionary(p => p.Ref!, StringComparer.Ordinal);
        Assert.Equal(299, raw.Edges.Count);
        foreach (var (from, to) in raw.Edges)
        {
            Assert.Same(byRef[from].Ref, from);
            Assert.Same(byRef[to].Ref, to);
        }
    }

    /// <summary>Asserts both reads agree and says whether the split read joined its parts.</summary>
    private static bool SameBothWays(byte[] document, SbomLimits limits)
    {
        var expected = Outcome(document, limits with { ParallelReadMinBytes = 0 });
        var joinsBefore = ComponentSplit.JoinsOnThisThread;
        var actual = Outcome(document, limits);
        Assert.Equal(expected, actual);
        return ComponentSplit.JoinsOnThisThread > joinsBefore;
    }

    private static string Outcome(byte[] document, SbomLimits limits)
    {
        try
        {
            return JsonSerializer.Serialize(new SbomNormalizer(limits).Normalize(document), ScoutJson.Indented);
        }
        catch (SbomFormatException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static string? Refusal(byte[] document, SbomLimits limits)
    {
        try
        {
            new SbomNormalizer(limits).Normalize(document);
            return null;
        }
        catch (SbomFormatException e)
        {
            return e.Message;
        }
    }

    private static string Component(int i) =>
        $"{{\"bom-ref\":\"pkg:npm/p{i}@1.{i}.0?id={i}\",\"type\":\"library\",\"name\":\"p{i}\",\"version\":\"1.{i}.0\"," +
        $"\"licenses\":[{{\"license\":{{\"id\":\"MIT\"}}}}],\"purl\":\"pkg:npm/p{i}@1.{i}.0\"," +
        $"\"properties\":[{{\"name\":\"syft:location:0:path\",\"value\":\"/app/p{i}/package.json\"}}]}}";

    private static byte[] Document(int count, bool indented = false, Func<int, string>? component = null, Func<int, string>? separator = null)
    {
        component ??= Component;
        var text = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(separator?.Invoke(i) ?? ",");
            text.Append(component(i));
        }
        text.Append("],\"dependencies\":[");
        for (var i = 0; i + 1 < count; i++)
            text.Append(i > 0 ? "," : "").Append($"{{\"ref\":\"pkg:npm/p{i}@1.{i}.0?id={i}\",\"dependsOn\":[\"pkg:npm/p{i + 1}@1.{i + 1}.0?id={i + 1}\"]}}");
        text.Append("]}");
        if (!indented) return Encoding.UTF8.GetBytes(text.ToString());
        // Re-indented by a real writer when the text is valid; a deliberately broken document is kept as written, one
        // component per line, so that its error still has a line of its own.
        try
        {
            using var parsed = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return JsonSerializer.SerializeToUtf8Bytes(parsed.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetBytes(text.ToString().Replace("},{\"bom-ref\"", "},\n{\"bom-ref\"", StringComparison.Ordinal));
        }
    }
}
