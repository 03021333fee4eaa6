using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

/// <summary>
/// Bounds the answer of POST /v1/analyze/local: at most MaxLocalFindings findings and MaxLocalWarnings warnings;
/// what is cut is never silent — a last warning says how many were left out.
/// </summary>
public static class LocalAnalysisBounds
{
    public static LocalAnalysisView Apply(LocalAnalysisView view, UploadLimits limits)
    {
        var warnings = view.Warnings.Take(limits.MaxLocalWarnings).ToList();
        var findings = view.Findings;
        if (findings.Count > limits.MaxLocalFindings)
        {
            // Most severe first, so what is left out is the least severe.
            findings = [.. findings.OrderByDescending(f => Severities.Rank(f.Severity)).Take(limits.MaxLocalFindings)];
            warnings.Add(new SbomWarning("findings", $"{view.Findings.Count - findings.Count} more findings not shown (limit {limits.MaxLocalFindings})"));
        }
        if (view.Warnings.Count > limits.MaxLocalWarnings)
            warnings.Add(new SbomWarning("warnings", $"{view.Warnings.Count - limits.MaxLocalWarnings} more warnings not shown (limit {limits.MaxLocalWarnings})"));
        return findings == view.Findings && warnings.Count == view.Warnings.Count ? view : view with { Findings = findings, Warnings = warnings };
    }
}
