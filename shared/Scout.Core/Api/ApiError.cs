using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Core.Api;

/// <summary>A caller's mistake with its HTTP status; rendered as {error, detail}.</summary>
public sealed class ApiError(int status, string error, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Error { get; } = error;

    public static ApiError BadRequest(string detail) => new(400, "invalid_request", detail);
    public static ApiError Unauthorized() => new(401, "unauthorized", "missing or invalid API key (Authorization: Bearer <key>)");
    public static ApiError NotFound(string detail) => new(404, "not_found", detail);
    public static ApiError MethodNotAllowed(string method, string path) => new(405, "method_not_allowed", $"{method} is not allowed on {path}");
    public static ApiError TooLarge(string detail) => new(413, "payload_too_large", detail);
    public static ApiError UnsupportedMediaType(string detail) => new(415, "unsupported_media_type", detail);

    public ApiResponse ToResponse() => JsonAnswers.Json(Status, new ErrorBody(Error, Message), ScoutJsonContext.Default.ErrorBody);

    public static ApiResponse FromInput(InputException e) =>
        (e is UseCases.PayloadTooLargeException ? TooLarge(e.Message) : BadRequest(e.Message)).ToResponse();

    /// <summary>The one 500 answer of every host: says nothing about internals (the exception goes to the log only).</summary>
    public static ApiResponse Internal(string? requestId) =>
        JsonAnswers.Json(500, new ErrorBody("internal", $"an internal error occurred; request id {requestId ?? "unknown"}"), ScoutJsonContext.Default.ErrorBody);
}
