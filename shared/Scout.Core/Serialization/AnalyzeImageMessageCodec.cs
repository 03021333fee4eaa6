using System.Text.Json;
using Scout.Core.Ports;

namespace Scout.Core.Serialization;

/// <summary>
/// The one wire form of a queue message, {"tenantId","uploadId"}, for every transport (the SQS body, the Pub/Sub data).
/// Reading refuses anything that is not an analysis reference with an <see cref="InputException"/> naming what is wrong.
/// </summary>
public static class AnalyzeImageMessageCodec
{
    public static byte[] Encode(AnalyzeImageMessage message) => ScoutJson.SerializeToUtf8(message, ScoutJsonContext.Default.AnalyzeImageMessage);

    public static string EncodeString(AnalyzeImageMessage message) => System.Text.Encoding.UTF8.GetString(Encode(message));

    public static AnalyzeImageMessage Decode(ReadOnlySpan<byte> body)
    {
        AnalyzeImageMessage? message;
        try { message = JsonSerializer.Deserialize(body, ScoutJsonContext.Default.AnalyzeImageMessage); }
        catch (JsonException e) { throw new InputException($"message body is not JSON: {e.Message}"); }
        if (message is null || string.IsNullOrWhiteSpace(message.TenantId) || string.IsNullOrWhiteSpace(message.UploadId))
            throw new InputException("message body lacks tenantId or uploadId");
        return message;
    }

    public static AnalyzeImageMessage Decode(string? body) =>
        body is null ? throw new InputException("message has no body") : Decode(System.Text.Encoding.UTF8.GetBytes(body));
}
