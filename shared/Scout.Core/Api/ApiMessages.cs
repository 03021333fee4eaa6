namespace Scout.Core.Api;

/// <summary>
/// A host-neutral HTTP request. Every host (ASP.NET Core locally and on Cloud Run, API Gateway v2 events on
/// Lambda) converts its native request into this and calls the same <c>ScoutApi</c> handlers.
/// </summary>
public sealed record ApiRequest
{
    public required string Method { get; init; }
    /// <summary>The path without query string, e.g. /v1/images/sha256:abc/findings (percent-decoded).</summary>
    public required string Path { get; init; }
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
    /// <summary>Header names are case-insensitive; hosts must build this with StringComparer.OrdinalIgnoreCase.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>The body as received (still gzip-compressed when Content-Encoding says so).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>
    /// A body the host has not read yet. ScoutApi calls it only after the caller is authenticated, with the cap for
    /// this request (<see cref="RequestBody.CapFor"/>); it throws <c>PayloadTooLargeException</c> past the cap.
    /// Null: <see cref="Body"/> is the body.
    /// </summary>
    public ApiBodyReader? BodyReader { get; init; }
    /// <summary>A request id for logs (API Gateway request id, Cloud Run trace id, or a new one).</summary>
    public string? RequestId { get; init; }
}

/// <summary>Reads at most <paramref name="maxBytes"/> of a request body, or throws PayloadTooLargeException.</summary>
public delegate Task<ReadOnlyMemory<byte>> ApiBodyReader(long maxBytes, CancellationToken ct);

public sealed record ApiResponse(int Status, string ContentType, ReadOnlyMemory<byte> Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
