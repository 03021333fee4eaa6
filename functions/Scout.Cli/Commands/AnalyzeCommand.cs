using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using Scout.Advisories;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Core.UseCases;
using Scout.Sbom;

namespace Scout.Cli.Commands;

/// <summary>
/// `scout analyze FILE --advisories DIR|ZIP --format json|table|sarif [--fail-on SEVERITY] [--remote URL [--dry-run]]`:
/// local analysis of an SBOM. Persists nothing. With --remote only purls and layer digests leave the machine.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "SBOM (CycloneDX, SPDX, in-toto/DSSE)" };
        var advisories = new Option<string?>("--advisories") { Description = "OSV advisories: a directory of OSV JSON or an all.zip" };
        var format = new Option<string>("--format") { Description = "json | table | sarif", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table", "sarif");
        var failOn = new Option<string?>("--fail-on") { Description = "exit 1 when a vulnerability at or above this severity is found: critical | high | medium | low" };
        failOn.AcceptOnlyFromAmong(Severities.Critical, Severities.High, Severities.Medium, Severities.Low);
        var remote = new Option<string?>("--remote") { Description = "analyze on a Scout server (POST /v1/analyze/local; API key from SCOUT_API_KEY)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "with --remote: print exactly what would be sent, send nothing" };
        var command = new Command("analyze", "local analysis of an SBOM against OSV advisories (persists nothing)");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { advisories, format, failOn, remote, dryRun }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliUsageException($"analyze: {path}: file not found");
            var sbom = new SbomNormalizer().Normalize(await File.ReadAllBytesAsync(path, ct));
            var remoteUrl = parse.GetValue(remote);
            if (parse.GetValue(dryRun) && remoteUrl == null) throw new CliUsageException("analyze: --dry-run goes with --remote URL");
            LocalAnalysisResult result;
            if (remoteUrl != null)
            {
                var body = RemotePayload(sbom);
                if (parse.GetValue(dryRun))
                {
                    CliConsole.Current.Out.WriteLine(body);
                    return CliApp.ExitOk;
                }
                result = await PostAsync(remoteUrl, body, sbom, ct);
            }
            else
            {
                var location = parse.GetValue(advisories) ?? throw new CliUsageException("analyze: --advisories DIR|ZIP is required (or --remote URL)");
                if (!Directory.Exists(location) && !File.Exists(location)) throw new CliUsageException($"analyze: --advisories {location}: not found");
                var services = AdvisoryServices.CreateDetached();
                var skipped = await services.LoadAsync(services.OpenFeed(location), ct);
                if (skipped.Count > 0)
                    CliConsole.Current.Error.WriteLine($"scout: warning: {skipped.Count} advisory records skipped (first: {skipped[0]})");
                result = services.LocalAnalysis.Analyze(sbom);
            }
            Write(result, parse.GetValue(format)!, path);
            var threshold = parse.GetValue(failOn);
            return threshold != null && result.Findings.Any(f => f.Kind == FindingKinds.Vulnerability && !f.Suppressed
                       && Severities.Rank(f.Severity) >= Severities.Rank(threshold))
                ? CliApp.ExitFindings
                : CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>The whole request body of a remote analysis: purls and layer digests, nothing else.</summary>
    public static string RemotePayload(NormalizedSbom sbom) => ScoutJson.Serialize(new
    {
        purls = RemotePurls.For(sbom).Keys.ToList(),
        layerDigests = Array.Empty<string>(),   // an SBOM alone names no layers; image uploads carry them
    });

    private static async Task<LocalAnalysisResult> PostAsync(string url, string body, NormalizedSbom sbom, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
            throw new CliUsageException($"analyze: --remote {url}: expected an http(s) URL");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/v1/analyze/local"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (Environment.GetEnvironmentVariable("SCOUT_API_KEY") is { Length: > 0 } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new CliUsageException($"analyze: {url} answered {(int)response.StatusCode}: {text.Trim()}");
        var remote = ScoutJson.Deserialize<RemoteAnswer>(text);
        var original = RemotePurls.For(sbom);
        var findings = (remote.Findings ?? []).Select(f => f.Purl != null && original.TryGetValue(f.Purl, out var own) ? f with { Purl = own } : f).ToList();
        return new LocalAnalysisResult(sbom.Packages, findings, [.. sbom.Warnings, .. remote.Warnings ?? []]);
    }

    private sealed record RemoteAnswer(IReadOnlyList<Finding>? Findings, IReadOnlyList<SbomWarning>? Warnings);

    private static void Write(LocalAnalysisResult result, string format, string path)
    {
        switch (format)
        {
            case "json":
                Output.Json(new { packages = result.Packages, findings = result.Findings, warnings = result.Warnings });
                break;
            case "sarif":
                CliConsole.Current.Out.WriteLine(SarifReport.Write(result, path));
                break;
            default:
                Output.Table(["id", "severity", "package", "installed", "fixed", "fix state", "kind", "vex"],
                    result.Findings.OrderByDescending(f => Severities.Rank(f.Severity)).ThenBy(f => f.Id, StringComparer.Ordinal).Select(f => new[]
                    {
                        f.Id, f.Severity, f.Purl, f.InstalledVersion, string.Join(", ", f.FixedVersions), f.FixState, f.Kind,
                        f.Vex == null ? "" : f.Vex.Status,
                    }));
                CliConsole.Current.Out.WriteLine($"{result.Packages.Count} packages, {result.Findings.Count(f => f.Kind == FindingKinds.Vulnerability)} vulnerabilities, " +
                    $"{result.Findings.Count(f => f.Kind == FindingKinds.Indeterminate)} indeterminate, {result.Warnings.Count} warnings");
                break;
        }
    }
}
