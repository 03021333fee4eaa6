using System.Text.Json;
using Scout.Testing;

namespace Scout.Purl.Tests.Conformance;

/// <summary>One test of purl-spec's tests/spec or tests/types files (schema purl-test 0.2).</summary>
public sealed record PurlSpecCase(
    string File, int Index, string Description, string Group, string TestType,
    JsonElement Input, JsonElement? ExpectedOutput, bool ExpectedFailure)
{
    public string Id => $"{File}#{Index}";
    public bool Recommended => Group == "recommended";
    public override string ToString() => $"{Id} {TestType} {Description}";
}

/// <summary>Reads the conformance files from the public test data; every case becomes one theory row.</summary>
public static class PurlSpecCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, PurlSpecCase>> all = new(Load);

    public static IReadOnlyDictionary<string, PurlSpecCase> All => all.Value;

    public static IEnumerable<object[]> Ids(string testType) =>
        All.Values.Where(c => c.TestType == testType).Select(c => new object[] { c.Id });

    public static IEnumerable<string> Files()
    {
        var root = TestData.Path("purl", "tests");
        if (!Directory.Exists(root))
            throw new InvalidOperationException($"purl conformance data missing at {root}");
        return Directory.GetFiles(Path.Combine(root, "spec"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "types"), "*.json"))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static IReadOnlyDictionary<string, PurlSpecCase> Load()
    {
        var cases = new Dictionary<string, PurlSpecCase>(StringComparer.Ordinal);
        foreach (var file in Files())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var name = Path.GetFileName(file);
            var index = 0;
            foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
            {
                var c = new PurlSpecCase(
                    name, index++,
                    test.GetProperty("description").GetString()!,
                    test.GetProperty("test_group").GetString()!,
                    test.GetProperty("test_type").GetString()!,
                    test.GetProperty("input").Clone(),
                    test.TryGetProperty("expected_output", out var output) ? output.Clone() : null,
                    test.TryGetProperty("expected_failure", out var failure) && failure.GetBoolean());
                cases.Add(c.Id, c);
            }
        }
        if (cases.Count == 0) throw new InvalidOperationException("no purl conformance cases found");
        return cases;
    }

    public static string? Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static Dictionary<string, string>? Qualifiers(JsonElement element)
    {
        if (!element.TryGetProperty("qualifiers", out var q) || q.ValueKind != JsonValueKind.Object) return null;
        return q.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
