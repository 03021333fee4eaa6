using System.Text;
using System.Text.Json;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Testing.Servers;

namespace Scout.Functions.Aws.Tests;

/// <summary>The custom runtime loop against a local fake of the Runtime API: success, error, init error, deadline.</summary>
public sealed class LambdaRuntimeTests
{
    private sealed class DelegateHandler(Func<LambdaInvocation, CancellationToken, Task<byte[]>> body) : ILambdaHandler
    {
        public Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct) => body(invocation, ct);
    }

    [Fact]
    public async Task Each_invocation_is_answered_under_its_request_id()
    {
        using var api = new FakeLambdaRuntimeApi();
        api.Enqueue("req-1", Encoding.UTF8.GetBytes("one"));
        api.Enqueue("req/2", Encoding.UTF8.GetBytes("two"));
        using var runtime = new LambdaRuntimeClient(api.Address);
        var seen = new List<LambdaInvocation>();
        var handler = new DelegateHandler((inv, _) => { seen.Add(inv); return Task.FromResult(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(inv.Payload).ToUpperInvariant())); });

        var exit = await new LambdaBootstrap(runtime, Log()).RunAsync(_ => Task.FromResult<ILambdaHandler>(handler), CancellationToken.None, maxInvocations: 2);

        Assert.Equal(0, exit);
        Assert.Equal("ONE", Encoding.UTF8.GetString(api.Responses["req-1"]));
        Assert.Equal("TWO", Encoding.UTF8.GetString(api.Responses["req/2"]));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:scout-test", seen[0].FunctionArn);
        Assert.NotNull(seen[0].Deadline);
        Assert.StartsWith("Root=", seen[0].TraceId);
    }

    [Fact]
    public async Task A_runtime_api_that_goes_away_ends_the_loop_with_exit_code1()
    {
        var api = new FakeLambdaRuntimeApi();
        using var runtime = new LambdaRuntimeClient(api.Address);
        api.Dispose(); // nothing listens any more
        var handler = new DelegateHandler((_, _) => Task.FromResult(Array.Empty<byte>()));
        var exit = await new LambdaBootstrap(runtime, Log()).RunAsync(_ => Task.FromResult<ILambdaHandler>(handler), CancellationToken.None);
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task A_failing_invocation_is_reported_and_the_next_one_is_still_served()
    {
        using var api = new FakeLambdaRuntimeApi();
        api.Enqueue("bad", [1]);
        api.Enqueue("good", [2]);
        using var runtime = new LambdaRuntimeClient(api.Address);
        var handler = new DelegateHandler((inv, _) => inv.RequestId == "bad"
            ? throw new InvalidOperationException("store unreachable")
            : Task.FromResult<byte[]>([42]));

        await new LambdaBootstrap(runtime, Log()).RunAsync(_ => Task.FromResult<ILambdaHandler>(handler), CancellationToken.None, maxInvocations: 2);

        var (errorType, body) = api.Errors["bad"];
        Assert.Equal("Unhandled", errorType);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("store unreachable", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.False(api.Responses.ContainsKey("bad"));
        Assert.Equal([42], api.Responses["good"]);
    }

    [Fact]
    public async Task A_failed_initialization_is_reported_as_an_init_error()
    {
        using var api = new FakeLambdaRuntimeApi();
        using var runtime = new LambdaRuntimeClient(api.Address);
        var exit = await new LambdaBootstrap(runtime, Log()).RunAsync(
            _ => throw new Scout.Core.Residency.ResidencyException("DynamoDB: region 'eu-west-1' is outside US-East"), CancellationToken.None);
        Assert.Equal(1, exit);
        using var error = JsonDocument.Parse(Assert.Single(api.InitErrors));
        Assert.Equal("ResidencyException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("eu-west-1", error.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task The_handler_token_fires_before_the_invocation_deadline()
    {
        using var api = new FakeLambdaRuntimeApi();
        var deadline = DateTimeOffset.UtcNow.Add(LambdaBootstrap.DeadlineMargin).AddMilliseconds(500);
        api.Enqueue("slow", [], deadline);
        using var runtime = new LambdaRuntimeClient(api.Address);
        var handler = new DelegateHandler(async (_, ct) =>
        {
            try { await Task.Delay(TimeSpan.FromSeconds(30), ct); return "finished"u8.ToArray(); }
            catch (OperationCanceledException) { return "stopped early"u8.ToArray(); }
        });
        await new LambdaBootstrap(runtime, Log()).RunAsync(_ => Task.FromResult<ILambdaHandler>(handler), CancellationToken.None, maxInvocations: 1);
        Assert.Equal("stopped early", Encoding.UTF8.GetString(api.Responses["slow"]));
        Assert.True(DateTimeOffset.UtcNow < deadline.AddSeconds(5));
    }

    [Fact]
    public void The_runtime_client_refuses_a_missing_runtime_api_address() =>
        Assert.Throws<ArgumentException>(() => new LambdaRuntimeClient(""));

    internal static JsonLog Log(StringWriter? sink = null) => new(sink ?? new StringWriter(), "test");
}
