using System.Text.Json.Nodes;
using Scout.Infra.Aws;

namespace Scout.Infra.Aws.Tests;

/// <summary>Synthesizes the CDK app once, in process (jsii over node), for the tests of this class.</summary>
public sealed class SynthesizedStack : IDisposable
{
    public SynthesizedStack()
    {
        Root = Directory.CreateTempSubdirectory("scout-cdk-").FullName;
        var code = Directory.CreateDirectory(Path.Combine(Root, "lambda")).FullName;
        File.WriteAllText(Path.Combine(code, "bootstrap"), "placeholder: the real bootstrap comes from scripts/publish-aws.sh");
        var outdir = Path.Combine(Root, "cdk.out");
        var assembly = ScoutApp.Build(outdir, code).Synth();
        TemplatePath = Path.Combine(outdir, assembly.GetStackByName(ScoutApp.StackName).TemplateFile);
        Template = new Template((JsonObject)JsonNode.Parse(File.ReadAllText(TemplatePath))!);
        Environment = assembly.GetStackByName(ScoutApp.StackName).Environment;
    }

    public string Root { get; }
    public string TemplatePath { get; }
    public Template Template { get; }
    public Amazon.CDK.CXAPI.IEnvironment Environment { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The CDK app: the same stack as template.yaml, env pinned to us-east-1, and a clean cfn-lint.</summary>
public sealed class CdkStackTests(SynthesizedStack stack) : IClassFixture<SynthesizedStack>
{
    private Template Template => stack.Template;

    [Fact]
    public void Cfn_lint_passes_on_the_synthesized_template()
    {
        var (exit, output) = CfnLint.Run(stack.TemplatePath);
        Assert.True(exit == 0, $"cfn-lint on the synthesized template exited {exit}:\n{output}");
    }

    [Fact]
    public void The_stack_env_is_pinned_to_us_east1_and_the_template_refuses_other_regions()
    {
        Assert.Equal("us-east-1", stack.Environment.Region);
        var equals = Template.Root["Rules"]!["UsEast1Only"]!["Assertions"]![0]!["Assert"]!["Fn::Equals"]!.AsArray();
        Assert.Equal("AWS::Region", (string?)equals[0]!["Ref"]);
        Assert.Equal("us-east-1", (string?)equals[1]);
    }

    [Fact]
    public void Four_functions_on_provided_al2023_with_their_triggers()
    {
        var functions = Template.OfType("AWS::Lambda::Function");
        Assert.Equal(["AdvisoryRefresh", "DeadLetter", "HttpUpload", "QueueAnalysis"], functions.Select(f => (string)f.Properties["Handler"]!).Order());
        Assert.All(functions, f => Assert.Equal("provided.al2023", (string?)f.Properties["Runtime"]));
        var mappings = Template.OfType("AWS::Lambda::EventSourceMapping");
        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m => Assert.Contains("ReportBatchItemFailures", Template.Strings(m.Properties["FunctionResponseTypes"])));
        Assert.Equal("rate(1 minute)", (string?)Template.Single("AWS::Events::Rule")["ScheduleExpression"]);
        Assert.Equal("HTTP", (string?)Template.Single("AWS::ApiGatewayV2::Api")["ProtocolType"]);
        // As in template.yaml: two polls per one-minute invocation.
        var refresh = functions.Single(f => (string?)f.Properties["Handler"] == "AdvisoryRefresh");
        Assert.Equal("2", (string?)refresh.Properties["Environment"]!["Variables"]!["SCOUT_REFRESH_POLLS"]);
    }

    [Fact]
    public void The_queue_redrives_to_its_dead_letter_queue_after_five_receives_with_six_times_the_function_timeout()
    {
        var queue = Template.OfType("AWS::SQS::Queue").Single(q => q.Properties.ContainsKey("RedrivePolicy")).Properties;
        Assert.Equal(Scout.Core.Ports.DeliveryPolicy.MaxAttempts, (int)queue["RedrivePolicy"]!["maxReceiveCount"]!);
        var analysis = Template.OfType("AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == "QueueAnalysis").Properties;
        Assert.True((int)queue["VisibilityTimeout"]! >= 6 * (int)analysis["Timeout"]!);
    }

    [Fact]
    public void The_dead_letter_function_consumes_the_dead_letter_queue()
    {
        var queues = Template.OfType("AWS::SQS::Queue").ToList();
        var dlq = queues.Single(q => !q.Properties.ContainsKey("RedrivePolicy"));
        var function = Template.OfType("AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == "DeadLetter");
        var mapping = Template.OfType("AWS::Lambda::EventSourceMapping").Single(m => (string?)m.Properties["FunctionName"]!["Ref"] == function.Id).Properties;
        Assert.Equal([dlq.Id, "Arn"], mapping["EventSourceArn"]!["Fn::GetAtt"]!.AsArray().Select(x => (string)x!));
        Assert.True((int)dlq.Properties["VisibilityTimeout"]! >= (int)function.Properties["Timeout"]!);
    }

    [Fact]
    public void The_table_has_the_inverted_index_point_in_time_recovery_encryption_and_ttl() =>
        TableAssertions.AssertScoutTable(Template.Single("AWS::DynamoDB::Table"), sseFlag: "SSEEnabled");

    [Fact]
    public void Every_dynamo_db_write_is_confined_by_leading_keys() => TableAssertions.AssertWritesConfined(Template);

    [Fact]
    public void The_stack_refuses_any_other_region()
    {
        var app = new Amazon.CDK.App();
        var e = Assert.Throws<ArgumentException>(() => new ScoutStack(app, "Elsewhere", new ScoutStackSettings { LambdaCodePath = ".", Region = "eu-west-1" }));
        Assert.Contains("eu-west-1", e.Message);
    }
}
