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
        var exitCode = new Option<bool>("--exit-code") { Description = "exit with code 1 when a policy fails" };
        var format = Output.FormatOption();
        return ImageCommand.Create("policy", "the image's policy results (evaluated now when it never was)", [exitCode, format], async (found, ct) =>
        {
            var (store, t, d) = (found.Store, found.TenantId, found.Image.Image.Digest);
            var results = await store.GetPolicyResultsAsync(t, d, ct);
            if (results is null)
            {
                var platform = await ScoutPlatform.CreateAsync(store, NoQueue.Instance, new ScoutOptions(), ct);
                results = (await platform.Policy.EvaluateAsync(t, d, ct))!.Value.Current;
            }
            if (found.Parse.GetValue(format) == "json") Output.Json(new { results = results.Results, evaluatedAt = results.EvaluatedAt });
            else Output.Table(["policy", "status", "reasons"], results.Results.Select(r => new[] { r.Policy, r.Status, string.Join("; ", r.Reasons) }));
            return found.Parse.GetValue(exitCode) && results.Results.Any(r => r.Status == PolicyStatuses.Fail) ? CliApp.ExitFindings : CliApp.ExitOk;
        });
    }
}
