using System.Text;

namespace Scout.Functions.Gcp.Tests.Infra;

/// <summary>A block of HCL: type, labels, attributes (raw expression text) and nested blocks.</summary>
public sealed class HclBlock(string type, IReadOnlyList<string> labels)
{
    public string Type { get; } = type;
    public IReadOnlyList<string> Labels { get; } = labels;
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);
    public List<HclBlock> Blocks { get; } = [];

    public IEnumerable<HclBlock> Descendants() => Blocks.SelectMany(b => b.Descendants().Prepend(b));
    public HclBlock? Block(string type) => Blocks.SingleOrDefault(b => b.Type == type);
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
    public override string ToString() => $"{Type} {string.Join(' ', Labels.Select(l => $"\"{l}\""))}";
}

/// <summary>
/// Reads the structure of Terraform files well enough to assert on them (Terraform itself is not installable here):
/// blocks with labels, `name = expression` attributes (expression kept as text, multi-line lists/maps included),
/// and #, // and /* */ comments. Heredocs are not supported (infra/gcp uses none).
/// </summary>
public static class HclReader
{
    public static HclBlock ReadFiles(IEnumerable<string> paths)
    {
        var root = new HclBlock("file", []);
        foreach (var path in paths) ReadInto(root, StripComments(File.ReadAllText(path)), path);
        return root;
    }

    private static void ReadInto(HclBlock root, string text, string source)
    {
        var stack = new Stack<HclBlock>();
        stack.Push(root);
        var i = 0;
        while (i < text.Length)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length) break;
            if (text[i] == '}')
            {
                if (stack.Count == 1) throw new FormatException($"{source}: unbalanced '}}' at {i}");
                stack.Pop();
                i++;
                continue;
            }
            var name = ReadIdentifier(text, ref i, source);
            SkipInlineSpace(text, ref i);
            if (i < text.Length && text[i] == '=')
            {
                i++;
                stack.Peek().Attributes[name] = ReadExpression(text, ref i).Trim();
                continue;
            }
            var labels = new List<string>();
            while (i < text.Length && text[i] == '"')
            {
                labels.Add(ReadString(text, ref i));
                SkipInlineSpace(text, ref i);
            }
            if (i >= text.Length || text[i] != '{') throw new FormatException($"{source}: expected '{{' or '=' after {name} at {i}");
            i++;
            var block = new HclBlock(name, labels);
            stack.Peek().Blocks.Add(block);
            stack.Push(block);
        }
        if (stack.Count != 1) throw new FormatException($"{source}: unclosed block {stack.Peek()}");
    }

    /// <summary>An expression runs to the end of the line, unless brackets, braces, parentheses or a string are open.</summary>
    private static string ReadExpression(string text, ref int i)
    {
        var start = i;
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"') { ReadString(text, ref i); continue; }
            if (c is '[' or '{' or '(') depth++;
            else if (c is ']' or '}' or ')')
            {
                if (depth == 0) break; // the enclosing block's closing brace on the same line
                depth--;
            }
            else if (c == '\n' && depth == 0) break;
            i++;
        }
        return text[start..i];
    }

    private static string ReadString(string text, ref int i)
    {
        var sb = new StringBuilder();
        i++; // opening quote
        var interpolation = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length) { sb.Append(c).Append(text[i + 1]); i += 2; continue; }
            if (c == '$' && i + 1 < text.Length && text[i + 1] == '{') { interpolation++; sb.Append("${"); i += 2; continue; }
            if (c == '}' && interpolation > 0) interpolation--;
            if (c == '"' && interpolation == 0) { i++; return sb.ToString(); }
            sb.Append(c);
            i++;
        }
        throw new FormatException("unterminated string");
    }

    private static string ReadIdentifier(string text, ref int i, string source)
    {
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
        if (i == start) throw new FormatException($"{source}: unexpected '{text[i]}' at {i}");
        return text[start..i];
    }

    private static void SkipSpace(string text, ref int i) { while (i < text.Length && char.IsWhiteSpace(text[i])) i++; }
    private static void SkipInlineSpace(string text, ref int i) { while (i < text.Length && text[i] is ' ' or '\t') i++; }

    private static string StripComments(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var start = i;
                ReadString(text, ref i);
                sb.Append(text, start, i - start);
                i--;
                continue;
            }
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
                sb.Append('\n');
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
