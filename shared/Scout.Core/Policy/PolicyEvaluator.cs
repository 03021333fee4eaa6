using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.Policy;

/// <summary>What one evaluation looks at: the image's stored packages and findings, and facts only the host knows.</summary>
/// <param name="Attested">whether the SBOM came inside an in-toto statement or DSSE envelope; null when the upload document is gone</param>
/// <param name="BaseAdvice">base image recommendations; null when there is no recommendation data</param>
public sealed record PolicyInput(
    IReadOnlyList<PackageRecord> Packages, IReadOnlyList<Finding> Findings, bool? Attested, BaseImageAdvice? BaseAdvice);

/// <summary>The policies of issue #16, each evaluated to pass / fail / unknown with the packages or findings that decide it.</summary>
public static class PolicyEvaluator
{
    /// <summary>Lines per result; the rest is counted ("and N more") so a huge image cannot make a huge record.</summary>
    public const int MaxReasons = 100;

    public static IReadOnlyList<PolicyResult> Evaluate(PolicyConfig config, PolicyInput input)
    {
        var results = new List<PolicyResult>();
        var active = input.Findings.Where(f => !f.Suppressed).ToList();
        if (config.FixableVulnerabilities.Enabled) results.Add(Fixable(config.FixableVulnerabilities, active));
        if (config.CopyleftLicenses.Enabled) results.Add(Copyleft(config.CopyleftLicenses, input.Packages));
        if (config.BaseImageUpToDate.Enabled) results.Add(BaseImage(input.BaseAdvice));
        if (config.NoSecrets.Enabled) results.Add(Secrets(active));
        if (config.SbomAttestation.Enabled) results.Add(Attestation(input.Attested));
        if (config.HighProfileVulnerabilities.Enabled) results.Add(HighProfile(config.HighProfileVulnerabilities, active));
        return results;
    }

    private static PolicyResult Fixable(FixableVulnerabilitiesPolicy policy, List<Finding> findings)
    {
        var threshold = Severities.Rank(policy.MinSeverity);
        var violations = findings
            .Where(f => f.Kind == FindingKinds.Vulnerability && Severities.Rank(f.Severity) >= threshold
                && (f.FixState == FixStates.Fixed || f.FixedVersions.Count > 0))
            .OrderByDescending(f => Severities.Rank(f.Severity)).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => $"{f.Id} ({f.Severity}) in {f.Purl}: fixed in {string.Join(", ", f.FixedVersions.DefaultIfEmpty("a later version"))}")
            .ToList();
        return Result(PolicyNames.FixableVulnerabilities, violations);
    }

    private static PolicyResult Copyleft(CopyleftLicensesPolicy policy, IReadOnlyList<PackageRecord> packages)
    {
        var banned = new HashSet<string>(policy.Effective, StringComparer.OrdinalIgnoreCase);
        var violations = new List<string>();
        var unknown = new List<string>();
        foreach (var p in packages)
        {
            var name = p.Purl ?? p.Name;
            var expression = p.LicenseExpression ?? (p.Licenses.Count > 0 ? string.Join(" AND ", p.Licenses) : null);
            if (expression is null) { unknown.Add($"unknown license: {name} declares none"); continue; }
            switch (LicenseExpression.AvoidsAll(expression, banned))
            {
                case false:
                    violations.Add($"{name}: '{expression}' requires {string.Join(", ", LicenseExpression.BannedIn(expression, banned))}");
                    break;
                case null:
                    unknown.Add($"unknown license: {name} has '{expression}', not an SPDX expression");
                    break;
            }
        }
        // Unknown licenses are reported beside the verdict, never counted as a pass or a violation.
        var reasons = Capped(violations).Concat(Capped(unknown)).ToList();
        return new PolicyResult(PolicyNames.CopyleftLicenses, violations.Count > 0 ? PolicyStatuses.Fail : PolicyStatuses.Pass, reasons);
    }

    private static PolicyResult BaseImage(BaseImageAdvice? advice)
    {
        if (advice is null)
            return new PolicyResult(PolicyNames.BaseImageUpToDate, PolicyStatuses.Unknown, ["no base image recommendation data for this image"]);
        if (advice.RefreshCandidates.Count == 0) return new PolicyResult(PolicyNames.BaseImageUpToDate, PolicyStatuses.Pass, []);
        var current = advice.Current is { } c ? $"{c.Repository}{(c.Tag is null ? "" : ":" + c.Tag)}@{c.Digest}" : "the base image";
        return Result(PolicyNames.BaseImageUpToDate,
            [.. advice.RefreshCandidates.Select(r => $"{current} has a newer build: {r.Repository}{(r.Tag is null ? "" : ":" + r.Tag)}@{r.Digest} (refresh)")]);
    }

    private static PolicyResult Secrets(List<Finding> findings) => Result(PolicyNames.NoSecrets,
        [.. findings.Where(f => f.Kind == FindingKinds.Secret).Select(f => $"{f.Rule ?? f.Id} in {f.Location} {f.Name}")]);

    private static PolicyResult Attestation(bool? attested) => attested switch
    {
        true => new PolicyResult(PolicyNames.SbomAttestation, PolicyStatuses.Pass, []),
        false => new PolicyResult(PolicyNames.SbomAttestation, PolicyStatuses.Fail, ["the SBOM was uploaded as a plain document, not inside an in-toto statement or DSSE envelope"]),
        null => new PolicyResult(PolicyNames.SbomAttestation, PolicyStatuses.Unknown, ["the uploaded document is no longer stored"]),
    };

    private static PolicyResult HighProfile(HighProfileVulnerabilitiesPolicy policy, List<Finding> findings)
    {
        if (policy.Ids is not { Count: > 0 } ids)
            return new PolicyResult(PolicyNames.HighProfileVulnerabilities, PolicyStatuses.Unknown, ["no high-profile vulnerability list imported (PUT /v1/policy highProfileVulnerabilities.ids)"]);
        var listed = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        return Result(PolicyNames.HighProfileVulnerabilities,
            [.. findings.Where(f => f.Kind == FindingKinds.Vulnerability)
                .Select(f => (Finding: f, Hit: listed.Contains(f.Id) ? f.Id : f.Aliases.FirstOrDefault(listed.Contains)))
                .Where(x => x.Hit is not null)
                .Select(x => $"{x.Finding.Id}{(x.Hit == x.Finding.Id ? "" : $" (alias {x.Hit})")} in {x.Finding.Purl} is on the high-profile list")]);
    }

    private static PolicyResult Result(string policy, List<string> violations) =>
        new(policy, violations.Count > 0 ? PolicyStatuses.Fail : PolicyStatuses.Pass, Capped(violations));

    private static List<string> Capped(List<string> lines) =>
        lines.Count <= MaxReasons ? lines : [.. lines.Take(MaxReasons), $"and {lines.Count - MaxReasons} more"];
}
