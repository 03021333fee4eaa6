using Scout.Core.Api;

namespace Scout.Core.Ports;

/// <summary>Local analysis (POST /v1/analyze/local): purls and layer digests in, packages, findings and advice out; writes nothing.</summary>
public interface ILocalAnalyzer
{
    Task<LocalAnalysisView> AnalyzeAsync(LocalAnalysisInput input, CancellationToken ct = default);
}
