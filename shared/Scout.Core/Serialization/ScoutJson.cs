using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Scout.Core.Serialization;

/// <summary>
/// The one JSON dialect of the platform: camelCase, nulls omitted, enums as their wire names. Metadata comes from
/// <see cref="ScoutJsonContext"/> (works under Native AOT); where reflection is enabled (every host but the AOT
/// bootstrap) types outside the context, such as a CLI's anonymous output objects, fall back to reflection.
/// </summary>
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
            TypeInfoResolver = Resolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    private static IJsonTypeInfoResolver Resolver() =>
        // A feature switch: false in trimmed / AOT publishes, where the linker drops the reflection branch.
        JsonSerializer.IsReflectionEnabledByDefault
            ? JsonTypeInfoResolver.Combine(ScoutJsonContext.Default, ReflectionResolver())
            : ScoutJsonContext.Default;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "only reached when reflection serialization is enabled, i.e. not trimmed")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "only reached when reflection serialization is enabled, i.e. not AOT")]
    private static IJsonTypeInfoResolver ReflectionResolver() => new DefaultJsonTypeInfoResolver();

    /// <summary>The metadata for <typeparamref name="T"/> under the given options (throws NotSupportedException under AOT if T is not in the context).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>(Options));

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>(Options));

    public static byte[] SerializeToUtf8<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    public static T Deserialize<T>(string json) => Deserialize(json, TypeInfo<T>(Options));

    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException($"null {typeof(T).Name}");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) => Deserialize(utf8, TypeInfo<T>(Options));

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(utf8, typeInfo) ?? throw new JsonException($"null {typeof(T).Name}");
}
