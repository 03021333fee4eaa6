using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using EventTargets = Amazon.CDK.AWS.Events.Targets;

namespace Scout.Infra.Aws;

public sealed record ScoutStackSettings
{
    public const string PinnedRegion = "us-east-1";

    /// <summary>The folder holding the published bootstrap (scripts/publish-aws.sh).</summary>
    public required string LambdaCodePath { get; init; }
    public string? Account { get; init; }
    public string Region { get; init; } = PinnedRegion;
    public string AdvisoryFeed { get; init; } = "https://osv-vulnerabilities.storage.googleapis.com/";
}

/// <summary>
/// The same stack as template.yaml, in CDK: table (GSI1, PITR, SSE-KMS, TTL), queue + DLQ (with the DeadLetter function on it), four provided.al2023
/// functions from one bootstrap, HTTP API, EventBridge schedule, least-privilege roles with LeadingKeys conditions.
/// The stack env is pinned to us-east-1 and the template carries a rule refusing any other region.
/// </summary>
public sealed class ScoutStack : Stack
{
    /// <summary>MaxReceiveCount is DeliveryPolicy.MaxAttempts (shared/Scout.Core/Ports/IAnalysisDelivery.cs); the infra tests check they agree.</summary>
    public const int AnalysisTimeoutSeconds = 60, DeadLetterTimeoutSeconds = 30, MaxReceiveCount = 5;

    public ScoutStack(Construct scope, string id, ScoutStackSettings settings)
        : base(scope, id, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = Pinned(settings.Region), Account = settings.Account },
            Description = "Scout.Serverless on AWS (US-East only)",
        })
    {
        _ = new Amazon.CDK.CfnRule(this, "UsEast1Only", new Amazon.CDK.CfnRuleProps
        {
            Assertions =
            [
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionEquals(Amazon.CDK.Aws.REGION, ScoutStackSettings.PinnedRegion),
                    AssertDescription = "Scout stores everything in US-East; deploy this stack in us-east-1 only.",
                },
            ],
        });

        var table = new Table(this, "ScoutTable", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "PK", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "SK", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            TimeToLiveAttribute = "ttl",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = "GSI1",
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "GSI1PK", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "GSI1SK", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });

        var deadLetters = new Queue(this, "AnalysisDeadLetterQueue", new QueueProps
        {
            RetentionPeriod = Duration.Days(14),
            VisibilityTimeout = Duration.Seconds(6 * DeadLetterTimeoutSeconds),
            Encryption = QueueEncryption.SQS_MANAGED,
        });
        var queue = new Queue(this, "AnalysisQueue", new QueueProps
        {
            VisibilityTimeout = Duration.Seconds(6 * AnalysisTimeoutSeconds),
            RetentionPeriod = Duration.Days(4),
            Encryption = QueueEncryption.SQS_MANAGED,
            DeadLetterQueue = new DeadLetterQueue { Queue = deadLetters, MaxReceiveCount = MaxReceiveCount },
        });

        var environment = new Dictionary<string, string>
        {
            ["SCOUT_DYNAMODB_TABLE"] = table.TableName,
            ["SCOUT_QUEUE_URL"] = queue.QueueUrl,
            ["SCOUT_ADVISORY_FEED"] = settings.AdvisoryFeed,
        };
        var code = Code.FromAsset(settings.LambdaCodePath);
        Function NewFunction(string name, string description, int timeoutSeconds, int memory) => new(this, name + "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = name,
            Code = code,
            Description = description,
            Timeout = Duration.Seconds(timeoutSeconds),
            MemorySize = memory,
            Tracing = Tracing.ACTIVE,
            LoggingFormat = LoggingFormat.JSON,
            Environment = environment,
        });

        var upload = NewFunction("HttpUpload", "HTTP API -> upload, status, images, findings (the shared API handler)", 60, 512);
        var analysis = NewFunction("QueueAnalysis", "SQS -> normalize, overlay advisories, persist (partial batch failure)", AnalysisTimeoutSeconds, 512);
        var deadLetter = NewFunction("DeadLetter", "DLQ -> mark the upload of each dead-lettered message failed with the reason", DeadLetterTimeoutSeconds, 512);
        var refresh = NewFunction("AdvisoryRefresh", "schedule -> advisory feed changes -> re-overlay affected images", 900, 1024);
        // Two polls per one-minute invocation, 30 s apart (as in template.yaml): a new advisory waits at most 30 s plus the refresh.
        refresh.AddEnvironment("SCOUT_REFRESH_POLLS", "2");

        TableAccess.Grant(upload, table, writes: ["T#*"], reads: ["T#*", "KEY#*", "ADV#*", "CURSOR#*"]);
        TableAccess.Grant(analysis, table, writes: ["T#*"], reads: ["T#*", "ADV#*", "CURSOR#*"]);
        TableAccess.Grant(deadLetter, table, writes: ["T#*"], reads: ["T#*", "ADV#*", "CURSOR#*"]);
        TableAccess.Grant(refresh, table, writes: ["ADV#*", "CURSOR#*", "T#*"], reads: ["ADV#*", "CURSOR#*", "T#*"]);
        queue.GrantSendMessages(upload);
        foreach (var function in new[] { upload, analysis, deadLetter, refresh }) DropRedundantRoleDependency(function);

        analysis.AddEventSource(new SqsEventSource(queue, new SqsEventSourceProps
        {
            BatchSize = 10,
            MaxBatchingWindow = Duration.Seconds(1),
            ReportBatchItemFailures = true,
        }));
        deadLetter.AddEventSource(new SqsEventSource(deadLetters, new SqsEventSourceProps
        {
            BatchSize = 10,
            MaxBatchingWindow = Duration.Seconds(1),
            ReportBatchItemFailures = true,
        }));

        var api = new HttpApi(this, "ScoutHttpApi", new HttpApiProps
        {
            Description = "Scout HTTP API (bearer API keys are checked by the function)",
            DefaultIntegration = new HttpLambdaIntegration("HttpUploadIntegration", upload),
        });

        _ = new Rule(this, "AdvisoryRefreshSchedule", new RuleProps
        {
            Description = "incremental advisory refresh",
            // Every minute: a refresh that finds nothing new costs one conditional request per ecosystem (HttpFeed's ListingPolls).
            Schedule = Schedule.Rate(Duration.Minutes(1)),
            Targets = [new EventTargets.LambdaFunction(refresh)],
        });

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = api.ApiEndpoint });
        _ = new CfnOutput(this, "TableName", new CfnOutputProps { Value = table.TableName });
        _ = new CfnOutput(this, "QueueUrl", new CfnOutputProps { Value = queue.QueueUrl });
        _ = new CfnOutput(this, "DeadLetterQueueUrl", new CfnOutputProps { Value = deadLetters.QueueUrl });
    }

    /// <summary>The function already references its role through GetAtt; CDK's extra DependsOn on it is what cfn-lint W3005 flags.</summary>
    private static void DropRedundantRoleDependency(Function function)
    {
        if (function.Node.DefaultChild is not CfnResource cfnFunction) return;
        var policy = function.Role?.Node.TryFindChild("DefaultPolicy")?.Node.DefaultChild as CfnElement;
        cfnFunction.AddOverride("DependsOn", policy is null ? Array.Empty<string>() : [function.Stack.GetLogicalId(policy)]);
    }

    private static string Pinned(string region) => region == ScoutStackSettings.PinnedRegion
        ? region
        : throw new ArgumentException($"region '{region}' is outside the pinned US-East region {ScoutStackSettings.PinnedRegion}; Scout data stays in US-East");
}

/// <summary>DynamoDB permissions per function, confined by dynamodb:LeadingKeys to the key prefixes it owns.</summary>
internal static class TableAccess
{
    public static void Grant(Function function, Table table, string[] writes, string[] reads)
    {
        function.AddToRolePolicy(Statement("WriteOwnedKeys", table.TableArn,
            ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"], writes));
        function.AddToRolePolicy(Statement("ReadOwnedKeys", table.TableArn, ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"], reads));
        // the GSI (inverted index) and advisory loading cannot be confined by leading keys
        function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadIndexAndScan",
            Actions = ["dynamodb:Query", "dynamodb:Scan"],
            Resources = [table.TableArn, table.TableArn + "/index/GSI1"],
        }));
    }

    private static PolicyStatement Statement(string sid, string tableArn, string[] actions, string[] leadingKeys) => new(new PolicyStatementProps
    {
        Sid = sid,
        Actions = actions,
        Resources = [tableArn],
        Conditions = new Dictionary<string, object>
        {
            ["ForAllValues:StringLike"] = new Dictionary<string, object> { ["dynamodb:LeadingKeys"] = leadingKeys },
        },
    });
}
