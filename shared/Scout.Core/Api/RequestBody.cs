using System.IO.Compression;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

/// <summary>Body decoding with caps: the compressed size, and the decompressed size read incrementally (gzip bomb guard).</summary>
public static class RequestBody
{
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

    private static ReadOnlyMemory<byte> Gunzip(ReadOnlyMemory<byte> compressed, long maxBytes)
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
        // The stream's own buffer, not a copy of it: a big SBOM is tens of MB.
        return new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
