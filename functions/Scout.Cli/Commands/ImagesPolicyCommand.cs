using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout images policy DIGEST --tenant ID [--exit-code]`: the image's policy results; --exit-code exits 1 when one fails.</summary>
public static class ImagesPolicyCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var tenant = TenantOption.Create();
        var digest = new Argument<string>("digest").Matching(OptionRules.Digest(), "an image digest (sha256:<hex>)");
        var exitCode = new Option<bool>("--exit-code") { Description = "exit with code 1 when a policy fails" };
        var format = Output.FormatOption();
        var command = new Command("policy", "the image's policy results (evaluated now when it never was)");
        platformOptions.AddTo(command, withQueue: false);
        command.Arguments.Add(digest);
        command.Options.Add(tenant);
        command.Options.Add(exitCode);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var (store, t) = await TenantOption.OpenStoreAsync(parse, platformOptions, tenant, ct);
            var d = parse.GetValue(digest)!;
            if (await store.GetImageAsync(t, d, ct) is null) throw new CliUsageException($"no image {d} for tenant {t}");
            var results = await store.GetPolicyResultsAsync(t, d, ct);
            if (results is null)
            {
                var platform = await ScoutPlatform.CreateAsync(store, NoQueue.Instance, new ScoutOptions(), ct);
                results = (await platform.Policy.EvaluateAsync(t, d, ct))!.Value.Current;
            }
            if (parse.GetValue(format) == "json") Output.Json(new { results = results.Results, evaluatedAt = results.EvaluatedAt });
            else Output.Table(["policy", "status", "reasons"], results.Results.Select(r => new[] { r.Policy, r.Status, string.Join("; ", r.Reasons) }));
            return parse.GetValue(exitCode) && results.Results.Any(r => r.Status == PolicyStatuses.Fail) ? CliApp.ExitFindings : CliApp.ExitOk;
        });
        return command;
    }
}
