using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scout.Core.Serialization;

/// <summary>The one JSON dialect of the platform: camelCase, nulls omitted, enums as their wire names.</summary>
public static class ScoutJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);
    /// <summary>Nulls written out: for resources that promise every field (GET /v1/images/{digest}).</summary>
    public static readonly JsonSerializerOptions WithNulls = Create(indented: false, ignoreNulls: false);

    private static JsonSerializerOptions Create(bool indented, bool ignoreNulls = true)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = ignoreNulls ? JsonIgnoreCondition.WhenWritingNull : JsonIgnoreCondition.Never,
            WriteIndented = indented,
            MaxDepth = 64,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
