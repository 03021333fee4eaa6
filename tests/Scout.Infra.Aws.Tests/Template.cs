using System.Text.Json.Nodes;

namespace Scout.Infra.Aws.Tests;

/// <summary>Queries over a CloudFormation template in JSON form.</summary>
public sealed class Template(JsonObject root)
{
    public JsonObject Root => root;

    public IReadOnlyList<(string Id, JsonObject Properties)> OfType(string type) =>
        root["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"] as JsonObject ?? new JsonObject()))
            .ToList();

    public JsonObject Single(string type) => Assert.Single(OfType(type)).Properties;

    /// <summary>Every IAM statement in the template, inline policies of SAM functions included.</summary>
    public IEnumerable<JsonObject> PolicyStatements() =>
        Descendants(root["Resources"]!).OfType<JsonObject>().Where(o => o.ContainsKey("Effect") && o.ContainsKey("Action"));

    public static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in Descendants(child)) yield return d;
    }

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => a.Select(x => (string)x!),
        _ => [(string)node!],
    };

    public static bool IsDynamoWrite(JsonObject statement) =>
        Strings(statement["Action"]).Any(a => a is "dynamodb:PutItem" or "dynamodb:UpdateItem" or "dynamodb:DeleteItem" or "dynamodb:BatchWriteItem" or "dynamodb:*");

    public static IReadOnlyList<string> LeadingKeys(JsonObject statement) =>
        Strings(statement["Condition"]?["ForAllValues:StringLike"]?["dynamodb:LeadingKeys"]).ToList();
}
