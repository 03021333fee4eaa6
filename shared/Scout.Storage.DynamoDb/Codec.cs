using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>Compressed JSON payloads and their split into item-sized chunks.</summary>
internal static class Codec
{
    public static byte[] ToCompressedJson<T>(T value, JsonTypeInfo<T> info)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, value, info);
        return output.ToArray();
    }

    public static T FromCompressedJson<T>(byte[] data, JsonTypeInfo<T> info)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, info) ?? throw new InvalidDataException("stored JSON payload is null");
    }

    public static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(data);
        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Always at least one chunk, so an empty payload still has an item saying so.</summary>
    public static List<byte[]> Split(byte[] data, int chunkBytes)
    {
        var chunks = new List<byte[]>();
        for (var offset = 0; offset < data.Length; offset += chunkBytes)
            chunks.Add(data[offset..Math.Min(data.Length, offset + chunkBytes)]);
        if (chunks.Count == 0) chunks.Add([]);
        return chunks;
    }

    public static byte[] Concat(IEnumerable<byte[]> chunks)
    {
        using var output = new MemoryStream();
        foreach (var chunk in chunks) output.Write(chunk);
        return output.ToArray();
    }

    public static AttributeValue S(string value) => new() { S = value };
    public static AttributeValue N(long value) => new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    public static AttributeValue B(byte[] value) => new() { B = new MemoryStream(value) };

    public static string? GetS(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;

    public static long GetN(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public static byte[] GetB(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.B is { } b ? b.ToArray() : [];

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string? value) =>
        value is null ? default : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}

/// <summary>The head of an image: everything StoredImage carries except what is kept as separate items.</summary>
internal sealed record ImageBody
{
    public required ImageMetadata Image { get; init; }
    public required string SbomSha256 { get; init; }
    public required string SbomFormat { get; init; }
    public string? SbomSpecVersion { get; init; }
    public OsRelease? SbomOs { get; init; }
    public int TotalPackages { get; init; }
    public IReadOnlyList<SbomWarning> Warnings { get; init; } = [];
    public DateTimeOffset AnalyzedAt { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImageBody))]
[JsonSerializable(typeof(List<PackageRecord>))]
[JsonSerializable(typeof(List<Finding>))]
[JsonSerializable(typeof(ImageAnalysis))]
[JsonSerializable(typeof(StoredAdvisory))]
[JsonSerializable(typeof(List<PackageKey>))]
internal sealed partial class StoreJson : JsonSerializerContext;
