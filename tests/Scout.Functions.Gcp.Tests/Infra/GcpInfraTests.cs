using System.Text.RegularExpressions;
using Scout.Testing;

namespace Scout.Functions.Gcp.Tests.Infra;

/// <summary>Reads infra/gcp and asserts the pins: US-East everywhere, dead-lettering, the three functions, least privilege.</summary>
public sealed partial class GcpInfraTests
{
    private static readonly string[] UsEast = ["us-east1", "us-east4", "us-east5"];
    private static readonly Lazy<HclBlock> Root = new(() =>
        HclReader.ReadFiles(Directory.GetFiles(Path.Combine(TestData.RepoRoot, "infra", "gcp"), "*.tf")));

    private static IEnumerable<HclBlock> Resources(string type) =>
        Root.Value.Blocks.Where(b => b.Type == "resource" && b.Labels[0] == type);

    private static HclBlock Resource(string type, string name) =>
        Resources(type).SingleOrDefault(b => b.Labels[1] == name) ?? throw new Xunit.Sdk.XunitException($"infra/gcp has no {type}.{name}");

    private static HclBlock Variable(string name) =>
        Root.Value.Blocks.Single(b => b.Type == "variable" && b.Labels[0] == name);

    [Theory]
    [InlineData("region")]
    [InlineData("firestore_location")]
    public void Location_variables_default_to_and_only_accept_us_east(string name)
    {
        var variable = Variable(name);
        Assert.Contains(Unquote(variable["default"]!), UsEast);
        var condition = variable.Block("validation")!["condition"]!;
        var allowed = QuotedStrings().Matches(condition).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(UsEast.Order(), allowed.Order());
        Assert.Contains($"var.{name}", condition);
    }

    [Fact]
    public void Every_location_attribute_is_a_us_east_pin()
    {
        var checkedCount = 0;
        foreach (var block in Root.Value.Descendants().Where(b => b.Type == "resource"))
        foreach (var attr in new[] { "location", "region", "location_id" })
        {
            if (block[attr] is not { } value) continue;
            checkedCount++;
            Assert.True(value is "var.region" or "var.firestore_location" || UsEast.Contains(Unquote(value)),
                $"{block} {attr} = {value} is not pinned to US-East");
        }
        Assert.True(checkedCount >= 8, $"only {checkedCount} location attributes found");
    }

    [Fact]
    public void Firestore_is_one_us_east_native_database_not_a_multi_region()
    {
        var db = Resource("google_firestore_database", "scout");
        Assert.Equal("var.firestore_location", db["location_id"]);
        Assert.Equal("FIRESTORE_NATIVE", Unquote(db["type"]!));
        Assert.Equal("(default)", Unquote(db["name"]!));
        Assert.DoesNotContain(Root.Value.Descendants(), b => b.Attributes.Values.Any(v => v.Contains("nam5") || v.Contains("nam7")));
    }

    [Fact]
    public void The_collection_group_indexes_the_store_queries_exist()
    {
        var fields = Resources("google_firestore_field").Select(f => (Unquote(f["collection"]!), Unquote(f["field"]!))).ToList();
        Assert.Contains(("packageIndex", "key"), fields);
        Assert.Contains(("uploads", "status"), fields);
        Assert.All(Resources("google_firestore_field"), f =>
            Assert.Equal("COLLECTION_GROUP", Unquote(f.Block("index_config")!.Block("indexes")!["query_scope"]!)));
    }

    [Fact]
    public void The_worker_subscription_dead_letters_after_five_attempts_and_pushes_to_the_queue_function()
    {
        var worker = Resource("google_pubsub_subscription", "worker");
        Assert.Equal("google_pubsub_topic.analyze.id", worker["topic"]);
        var policy = worker.Block("dead_letter_policy") ?? throw new Xunit.Sdk.XunitException("no dead_letter_policy");
        Assert.Equal("google_pubsub_topic.dead_letter.id", policy["dead_letter_topic"]);
        Assert.Equal("var.max_delivery_attempts", policy["max_delivery_attempts"]);
        Assert.Equal(Scout.Core.Ports.DeliveryPolicy.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), Variable("max_delivery_attempts")["default"]);
        Assert.Equal("var.ack_deadline_seconds", worker["ack_deadline_seconds"]);
        var ack = int.Parse(Variable("ack_deadline_seconds")["default"]!);
        Assert.InRange(ack, 10, 600);
        Assert.Contains("google_cloud_run_v2_service.queue.uri", worker.Block("push_config")!["push_endpoint"]);
        Assert.NotNull(worker.Block("push_config")!.Block("oidc_token"));
        // The Pub/Sub service agent must be able to forward to the dead-letter topic and ack the original.
        Assert.Equal("roles/pubsub.publisher", Unquote(Resource("google_pubsub_topic_iam_member", "dead_letter_publisher")["role"]!));
        Assert.Equal("roles/pubsub.subscriber", Unquote(Resource("google_pubsub_subscription_iam_member", "dead_letter_subscriber")["role"]!));
    }

    [Fact]
    public void Both_push_subscriptions_carry_the_audience_the_queue_function_checks()
    {
        foreach (var name in new[] { "worker", "dead_letter_record" })
            Assert.Equal("local.push_audience", Resource("google_pubsub_subscription", name).Block("push_config")!.Block("oidc_token")!["audience"]);
    }

    [Fact]
    public void Dead_letters_are_kept_and_recorded()
    {
        Assert.Equal("google_pubsub_topic.dead_letter.id", Resource("google_pubsub_subscription", "dead_letter_keep")["topic"]);
        var record = Resource("google_pubsub_subscription", "dead_letter_record");
        Assert.Contains("/events/dead-letter", record.Block("push_config")!["push_endpoint"]);
    }

    [Fact]
    public void Topic_messages_are_stored_in_the_pinned_region_only()
    {
        var topics = Resources("google_pubsub_topic").ToList();
        Assert.Equal(2, topics.Count);
        Assert.All(topics, t => Assert.Equal("[var.region]", t.Block("message_storage_policy")!["allowed_persistence_regions"]));
    }

    [Fact]
    public void Three_functions_run_one_image_chosen_by_scout_function()
    {
        var services = Resources("google_cloud_run_v2_service").ToList();
        var functions = services.Select(s => s.Block("template")!.Block("containers")!.Blocks
            .Where(b => b.Type == "env" && Unquote(b["name"]!) == "SCOUT_FUNCTION").Select(b => Unquote(b["value"]!)).Single()).Order();
        Assert.Equal(["http", "queue", "refresh"], functions);
        Assert.All(services, s => Assert.Equal("var.image", s.Block("template")!.Block("containers")!["image"]));
        Assert.Equal("\"${var.ack_deadline_seconds}s\"", Resource("google_cloud_run_v2_service", "queue").Block("template")!["timeout"]);
    }

    [Fact]
    public void The_refresh_function_polls_twice_per_scheduler_request()
    {
        var env = Resource("google_cloud_run_v2_service", "refresh").Block("template")!.Block("containers")!.Blocks
            .Where(b => b.Type == "env").ToDictionary(b => Unquote(b["name"]!), b => b["value"]);
        Assert.Equal("\"2\"", env["SCOUT_REFRESH_POLLS"]);
    }

    [Fact]
    public void The_scheduler_posts_to_the_refresh_function_with_its_own_identity()
    {
        var job = Resource("google_cloud_scheduler_job", "advisory_refresh");
        var target = job.Block("http_target")!;
        Assert.Equal("POST", Unquote(target["http_method"]!));
        Assert.Contains("google_cloud_run_v2_service.refresh.uri", target["uri"]);
        Assert.Equal("google_service_account.scheduler.email", target.Block("oidc_token")!["service_account_email"]);
        Assert.Equal("var.refresh_schedule", job["schedule"]);
    }

    [Fact]
    public void Least_privilege_no_basic_roles_and_private_invokers()
    {
        var roles = Root.Value.Descendants().Where(b => b.Attributes.ContainsKey("role")).Select(b => Unquote(b["role"]!)).ToList();
        Assert.NotEmpty(roles);
        Assert.DoesNotContain(roles, r => r is "roles/owner" or "roles/editor" or "roles/viewer" || r.EndsWith(".admin", StringComparison.Ordinal));
        Assert.Equal("google_service_account.pubsub_push.email", InvokerOf("queue_invoker"));
        Assert.Equal("google_service_account.scheduler.email", InvokerOf("refresh_invoker"));
        var serviceAccounts = Resources("google_cloud_run_v2_service").Select(s => s.Block("template")!["service_account"]).ToList();
        Assert.Equal(3, serviceAccounts.Distinct().Count());
    }

    private static string InvokerOf(string name) =>
        Resource("google_cloud_run_v2_service_iam_member", name)["member"]!.Replace("\"serviceAccount:${", "").TrimEnd('"').TrimEnd('}');

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedStrings();
}
