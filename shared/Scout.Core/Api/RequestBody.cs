using System.IO.Compression;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

/// <summary>Body decoding with caps: the compressed size, and the decompressed size read incrementally (gzip bomb guard).</summary>
public static class RequestBody
{
    /// <summary>
    /// What may be read from the wire for this request: the compressed cap for a gzip body, the decompressed cap
    /// otherwise. The only body cap: every host reads through <see cref="ApiRequest.BodyReader"/> with it.
    /// </summary>
    public static long CapFor(ApiRequest request, UploadLimits limits) =>
        IsGzip(request) ? limits.MaxCompressedBytes : limits.MaxDecompressedBytes;

    private static bool IsGzip(ApiRequest request) =>
        request.Headers.TryGetValue("Content-Encoding", out var e) && e.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request with its body read (bounded by <see cref="CapFor"/>); called only once the caller is authenticated.</summary>
    public static async Task<ApiRequest> ReadAsync(ApiRequest request, UploadLimits limits, CancellationToken ct)
    {
        if (request.BodyReader is not { } reader) return request;
        var body = await reader(CapFor(request, limits), ct);
        return request with { Body = body, BodyReader = null };
    }

    /// <summary>Reads a stream into memory, refusing past <paramref name="maxBytes"/> (declared length checked first).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(Stream stream, long? declaredLength, long maxBytes, CancellationToken ct)
    {
        if (declaredLength > maxBytes) throw TooLarge(declaredLength.Value, maxBytes);
        using var body = new MemoryStream(declaredLength is > 0 and { } n ? (int)Math.Min(n, Math.Min(maxBytes, 1 << 20)) : 0);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > maxBytes) throw TooLarge(body.Length + read, maxBytes);
            body.Write(buffer, 0, read);
        }
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static PayloadTooLargeException TooLarge(long bytes, long maxBytes) =>
        new($"body: {bytes} bytes or more exceeds the {maxBytes}-byte limit");

    public static ReadOnlyMemory<byte> Decode(ApiRequest request, UploadLimits limits)
    {
        var encoding = request.Headers.TryGetValue("Content-Encoding", out var e) ? e.Trim().ToLowerInvariant() : "";
        if (encoding is "" or "identity")
        {
            if (request.Body.Length > limits.MaxDecompressedBytes)
                throw new PayloadTooLargeException($"body: {request.Body.Length} bytes exceeds the {limits.MaxDecompressedBytes}-byte limit");
            return request.Body;
        }
        if (encoding != "gzip") throw ApiError.UnsupportedMediaType($"Content-Encoding: {encoding} is not supported (use gzip or none)");
        if (request.Body.Length > limits.MaxCompressedBytes)
            throw new PayloadTooLargeException($"body: {request.Body.Length} compressed bytes exceeds the {limits.MaxCompressedBytes}-byte limit");
        return Gunzip(request.Body, limits.MaxDecompressedBytes);
    }

    private static byte[] Gunzip(ReadOnlyMemory<byte> compressed, long maxBytes)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                    throw new PayloadTooLargeException($"body: decompresses past the {maxBytes}-byte limit");
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw ApiError.BadRequest("body: Content-Encoding is gzip but the body is not valid gzip");
        }
        return output.ToArray();
    }
}
