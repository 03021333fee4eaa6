using System.Text.Json.Nodes;
using Scout.Testing;

namespace Scout.Infra.Aws.Tests;

/// <summary>template.yaml (SAM): the resources and pins of issue #7, and a clean cfn-lint.</summary>
public sealed class SamTemplateTests
{
    private static readonly string TemplatePath = Path.Combine(TestData.RepoRoot, "template.yaml");
    private readonly Template template = new(CloudFormationYaml.Load(TemplatePath));

    [Fact]
    public void Cfn_lint_passes()
    {
        var (exit, output) = CfnLint.Run(TemplatePath);
        Assert.True(exit == 0, $"cfn-lint template.yaml exited {exit}:\n{output}");
    }

    [Fact]
    public void A_rule_refuses_every_region_but_us_east1()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", (string?)template.Root["Transform"]);
        var assertion = Assert.Single(template.Root["Rules"]!.AsObject()).Value!["Assertions"]![0]!;
        var equals = assertion["Assert"]!["Fn::Equals"]!.AsArray();
        Assert.Equal("AWS::Region", (string?)equals[0]!["Ref"]);
        Assert.Equal("us-east-1", (string?)equals[1]);
    }

    [Fact]
    public void Four_functions_share_one_bootstrap_on_provided_al2023()
    {
        var globals = template.Root["Globals"]!["Function"]!;
        Assert.Equal("provided.al2023", (string?)globals["Runtime"]);
        var functions = template.OfType("AWS::Serverless::Function");
        Assert.Equal(["AdvisoryRefresh", "DeadLetter", "HttpUpload", "QueueAnalysis"], functions.Select(f => (string)f.Properties["Handler"]!).Order());
        Assert.All(functions, f => Assert.Null(f.Properties["Runtime"]));
    }

    [Fact]
    public void Http_api_schedule_and_queue_trigger_the_functions()
    {
        var functions = template.OfType("AWS::Serverless::Function").ToDictionary(f => (string)f.Properties["Handler"]!, f => f.Properties["Events"]!.AsObject());
        // The HTTP function has two routes: /{proxy+} and GET / (the dashboard), both on the one HTTP API.
        Assert.All(functions["HttpUpload"], e => Assert.Equal("HttpApi", (string?)e.Value!["Type"]));
        Assert.True(functions["HttpUpload"].Count >= 2, "the HTTP function answers the API routes and GET / (the dashboard)");
        var events = functions.Where(f => f.Key != "HttpUpload").ToDictionary(f => f.Key, f => f.Value.Single().Value!);
        Assert.Equal("Schedule", (string?)events["AdvisoryRefresh"]["Type"]);
        var sqs = events["QueueAnalysis"];
        Assert.Equal("SQS", (string?)sqs["Type"]);
        Assert.Contains("ReportBatchItemFailures", Template.Strings(sqs["Properties"]!["FunctionResponseTypes"]));
        Assert.Equal(["AnalysisQueue", "Arn"], sqs["Properties"]!["Queue"]!["Fn::GetAtt"]!.AsArray().Select(x => (string)x!));
        Assert.Single(template.OfType("AWS::Serverless::HttpApi"));
    }

    [Fact]
    public void The_dead_letter_function_consumes_the_dead_letter_queue_within_its_visibility_timeout()
    {
        var function = template.OfType("AWS::Serverless::Function").Single(f => (string?)f.Properties["Handler"] == "DeadLetter").Properties;
        var sqs = function["Events"]!.AsObject().Single().Value!;
        Assert.Equal("SQS", (string?)sqs["Type"]);
        Assert.Equal(["AnalysisDeadLetterQueue", "Arn"], sqs["Properties"]!["Queue"]!["Fn::GetAtt"]!.AsArray().Select(x => (string)x!));
        Assert.Contains("ReportBatchItemFailures", Template.Strings(sqs["Properties"]!["FunctionResponseTypes"]));
        var dlq = template.OfType("AWS::SQS::Queue").Single(q => q.Id == "AnalysisDeadLetterQueue").Properties;
        var timeout = (int?)function["Timeout"] ?? (int)template.Root["Globals"]!["Function"]!["Timeout"]!;
        Assert.True((int)dlq["VisibilityTimeout"]! >= timeout, "Lambda refuses an SQS source whose visibility timeout is below the function timeout");
    }

    [Fact]
    public void The_queue_redrives_to_its_dead_letter_queue_after_five_receives_with_six_times_the_function_timeout()
    {
        var queues = template.OfType("AWS::SQS::Queue").ToDictionary(q => q.Id, q => q.Properties);
        var redrive = queues["AnalysisQueue"]["RedrivePolicy"]!;
        Assert.Equal(Scout.Core.Ports.DeliveryPolicy.MaxAttempts, (int)redrive["maxReceiveCount"]!);
        Assert.Equal(["AnalysisDeadLetterQueue", "Arn"], redrive["deadLetterTargetArn"]!["Fn::GetAtt"]!.AsArray().Select(x => (string)x!));
        var analysis = template.OfType("AWS::Serverless::Function").Single(f => (string?)f.Properties["Handler"] == "QueueAnalysis").Properties;
        var timeout = (int?)analysis["Timeout"] ?? (int)template.Root["Globals"]!["Function"]!["Timeout"]!;
        Assert.True((int)queues["AnalysisQueue"]["VisibilityTimeout"]! >= 6 * timeout);
    }

    [Fact]
    public void The_table_has_the_inverted_index_point_in_time_recovery_encryption_and_ttl()
    {
        var table = template.Single("AWS::DynamoDB::Table");
        TableAssertions.AssertScoutTable(table, sseFlag: "SSEEnabled");
    }

    [Fact]
    public void Every_dynamo_db_write_is_confined_by_leading_keys() => TableAssertions.AssertWritesConfined(template);
}

internal static class TableAssertions
{
    public static void AssertScoutTable(JsonObject table, string sseFlag)
    {
        Assert.Equal(["PK", "SK"], table["KeySchema"]!.AsArray().Select(k => (string)k!["AttributeName"]!));
        var gsi = Assert.Single(table["GlobalSecondaryIndexes"]!.AsArray())!;
        Assert.Equal("GSI1", (string?)gsi["IndexName"]);
        Assert.Equal(["GSI1PK", "GSI1SK"], gsi["KeySchema"]!.AsArray().Select(k => (string)k!["AttributeName"]!));
        Assert.Equal("PAY_PER_REQUEST", (string?)table["BillingMode"]);
        Assert.True((bool)table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]!);
        Assert.True((bool)table["SSESpecification"]![sseFlag]!);
        Assert.Equal("ttl", (string?)table["TimeToLiveSpecification"]!["AttributeName"]);
        Assert.True((bool)table["TimeToLiveSpecification"]!["Enabled"]!);
    }

    public static void AssertWritesConfined(Template template)
    {
        var writes = template.PolicyStatements().Where(Template.IsDynamoWrite).ToList();
        Assert.Equal(4, writes.Count); // one per function that writes: HttpUpload, QueueAnalysis, DeadLetter, AdvisoryRefresh
        Assert.All(writes, w =>
        {
            var keys = Template.LeadingKeys(w);
            Assert.NotEmpty(keys);
            Assert.DoesNotContain("*", keys);
        });
        Assert.DoesNotContain(template.PolicyStatements(), s => Template.Strings(s["Action"]).Contains("dynamodb:*"));
    }
}
