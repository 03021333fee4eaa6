using Scout.Functions.Aws.Runtime;

namespace Scout.Functions.Aws.Handlers;

/// <summary>A function body: the raw event in, the raw response out (the Runtime API deals in bytes).</summary>
public interface ILambdaHandler
{
    Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct);
}
