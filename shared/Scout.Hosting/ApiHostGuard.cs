using Scout.Core.Api;

namespace Scout.Hosting;

/// <summary>
/// The glue every host puts around the shared API, written once: a fault that escapes the handlers becomes the one
/// 500 answer (<see cref="ApiError.Internal"/>) and a log line; a cancelled request stays cancelled.
/// Used by the ASP.NET bridge (scout serve, Cloud Run) and the Lambda API Gateway handler.
/// </summary>
public static class ApiHostGuard
{
    public static async Task<ApiResponse> HandleAsync(Func<ApiRequest, CancellationToken, Task<ApiResponse>> api, ApiRequest request,
        Action<ApiRequest, Exception> log, CancellationToken ct)
    {
        try
        {
            return await api(request, ct);
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            log(request, e);
            return ApiError.Internal(request.RequestId);
        }
    }
}
