using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Scout.Infra.Aws.Tests;

/// <summary>
/// Reads a CloudFormation / SAM YAML template into the JSON form CloudFormation itself uses, so the SAM template
/// and the synthesized CDK template are asserted the same way. Short-form intrinsic tags (!Ref, !GetAtt, !Sub ...)
/// become their long form ({"Ref": ...}, {"Fn::GetAtt": [...]}, ...).
/// </summary>
public static class CloudFormationYaml
{
    public static JsonObject Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return (JsonObject)Convert(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode map => Mapping(map),
            YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new NotSupportedException($"YAML node {node.GetType().Name} at {node.Start}"),
        };
        if (node.Tag.IsEmpty || node.Tag.Value is "tag:yaml.org,2002:str" or "?" or "!") return value;
        var tag = node.Tag.Value.TrimStart('!');
        return tag switch
        {
            "Ref" or "Condition" => new JsonObject { [tag] = value },
            "GetAtt" when value is JsonValue v && v.TryGetValue<string>(out var dotted) =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(dotted.Split('.', 2).Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()) },
            _ => new JsonObject { ["Fn::" + tag] = value },
        };
    }

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, child) in map.Children) result[((YamlScalarNode)key).Value!] = Convert(child);
        return result;
    }

    /// <summary>Plain scalars that look like numbers or booleans become those (as YAML 1.1/CloudFormation reads them).</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "true" or "false") return JsonValue.Create(text == "true");
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var small)) return JsonValue.Create(small);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
