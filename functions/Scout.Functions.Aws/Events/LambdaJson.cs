using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayHttpRequest))]
[JsonSerializable(typeof(ApiGatewayHttpResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(AdvisoryRefreshResult))]
[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaJson : JsonSerializerContext;
