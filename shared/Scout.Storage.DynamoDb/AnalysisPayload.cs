using System.Text.Json;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>
/// One serialization of an analysis serves both its content hash (what makes a repeated save write nothing) and
/// the stored package and finding payloads: their arrays are cut out of the hashed JSON and compressed as they are.
/// A 10,000-package list was serialized twice before, the largest part of the store's own work on a save
/// (bench/Scout.Bench.Aws store-cpu). The hash is the same as before: SHA-256 of the analysis's JSON without its
/// timestamp, so images stored earlier still compare equal.
/// </summary>
internal sealed class AnalysisPayload
{
    private readonly byte[] json;
    private readonly Range packages, findings;

    private AnalysisPayload(byte[] json, Range packages, Range findings, string hash) =>
        (this.json, this.packages, this.findings, Hash) = (json, packages, findings, hash);

    public string Hash { get; }

    public static AnalysisPayload Of(ImageAnalysis analysis)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(analysis with { AnalyzedAt = default }, StoreJson.Default.ImageAnalysis);
        Range? packages = null, findings = null;
        var reader = new Utf8JsonReader(json);
        reader.Read(); // the analysis object
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPackages = reader.ValueTextEquals("packages"u8);
            var isFindings = reader.ValueTextEquals("findings"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isPackages) packages = start..(int)reader.BytesConsumed;
            else if (isFindings) findings = start..(int)reader.BytesConsumed;
        }
        if (packages is null || findings is null)
            throw new InvalidDataException("the serialized analysis has no packages or findings array"); // the model always writes both
        return new AnalysisPayload(json, packages.Value, findings.Value, Codec.Sha256Hex(json));
    }

    /// <summary>Gzipped JSON array of the packages, read back as a <c>List&lt;PackageRecord&gt;</c>.</summary>
    public byte[] CompressedPackages() => Codec.Gzip(json.AsSpan(packages));

    /// <summary>Gzipped JSON array of the findings, read back as a <c>List&lt;Finding&gt;</c>.</summary>
    public byte[] CompressedFindings() => Codec.Gzip(json.AsSpan(findings));
}
