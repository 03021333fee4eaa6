using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Core.Api;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;

namespace Scout.Functions.Aws.Tests;

/// <summary>
/// The Lambda HTTP handler over the real platform (DynamoDB Local): the body is decoded only after authentication,
/// a body the caller mis-encoded is a 400, and a fault that escapes the API is the shared 500 answer.
/// </summary>
public sealed class ApiGuardTests(AwsServersFixture servers) : IClassFixture<AwsServersFixture>
{
    [Fact]
    public async Task An_anonymous_request_is_401_without_its_body_being_decoded_and_a_bad_body_is_400_once_authenticated()
    {
        var store = new DynamoDbScoutStore(servers.Dynamo(), new DynamoDbStoreOptions { TableName = "scout-guard-" + Guid.NewGuid().ToString("N")[..8] });
        var sqs = servers.Sqs();
        var queue = await SqsProvisioner.EnsureAsync(sqs, "scout-guard-" + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromSeconds(10));
        var platform = await ScoutPlatform.CreateAsync(store, new SqsWorkQueue(sqs, queue.QueueUrl), new ScoutOptions());
        var http = LambdaHandlers.For(LambdaHandlers.HttpUpload, platform, new JsonLog(new StringWriter(), "test"));
        var (_, key) = await platform.Keys.CreateTenantAsync("acme");

        // Not base64 at all: decoding it would throw; the anonymous caller gets 401 because nothing is decoded.
        var anonymous = await SendAsync(http, null, "%%% not base64 %%%");
        Assert.Equal(401, anonymous.StatusCode);
        var authenticated = await SendAsync(http, key, "%%% not base64 %%%");
        Assert.Equal(400, authenticated.StatusCode);
        Assert.Contains("not valid base64", JsonNode.Parse(authenticated.Body!)!["detail"]!.GetValue<string>());
        // Past the cap, refused from its length before decoding.
        var tooLarge = await SendAsync(http, key, new string('A', 44 * 1024 * 1024));
        Assert.Equal(413, tooLarge.StatusCode);
    }

    [Fact]
    public async Task A_fault_that_escapes_the_api_is_the_shared_500_answer_and_a_log_line()
    {
        var log = new StringWriter();
        var handler = new HttpUploadHandler((_, _) => throw new InvalidOperationException("store exploded"), new JsonLog(log, "test"));
        var response = await SendAsync(handler, null, null);
        Assert.Equal(500, response.StatusCode);
        var body = JsonNode.Parse(response.Body!)!;
        Assert.Equal("internal", (string?)body["error"]);
        Assert.Equal(Encoding.UTF8.GetString(ApiError.Internal("req-1").Body.Span), response.Body);
        Assert.DoesNotContain("exploded", response.Body);
        Assert.Contains("store exploded", log.ToString());
    }

    private static async Task<ApiGatewayHttpResponse> SendAsync(ILambdaHandler handler, string? key, string? base64Body)
    {
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
        if (key != null) headers["authorization"] = "Bearer " + key;
        var gatewayEvent = new ApiGatewayHttpRequest
        {
            Version = "2.0", RouteKey = "$default", RawPath = "/v1/images", Headers = headers,
            RequestContext = new ApiGatewayHttpRequestContext { RequestId = "req-1", Http = new ApiGatewayHttpDescription { Method = "POST", Path = "/v1/images" } },
            Body = base64Body, IsBase64Encoded = base64Body != null,
        };
        var output = await handler.HandleAsync(new LambdaInvocation("r", JsonSerializer.SerializeToUtf8Bytes(gatewayEvent, LambdaJson.Default.ApiGatewayHttpRequest), null, null, null), CancellationToken.None);
        return JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
    }
}
