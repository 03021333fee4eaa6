using Scout.Sbom.Spdx;

namespace Scout.Sbom.Json;

/// <summary>
/// What one JSON object said at its top level. Every format's sections are read in a single pass into it
/// (keys barely overlap between formats); which format it was is decided once the object is read.
/// </summary>
internal sealed class JsonTopLevel
{
    public JsonTopLevel()
    {
        Spdx = new SpdxDocumentBuilder(Sbom);
        Spdx3 = new Spdx3Graph(Sbom);
    }

    public Spdx3Graph Spdx3 { get; }

    public RawSbom Sbom { get; } = new();
    public SpdxDocumentBuilder Spdx { get; }
    public long Line { get; init; } = 1;

    public bool SawBomFormat { get; set; }
    public string? BomFormat { get; set; }
    public bool SawCycloneDxSection { get; set; }
    public string? CycloneDxSpecVersion { get; set; }

    public bool SawSpdxVersion { get; set; }
    public string? SpdxVersion { get; set; }
    public bool SawSpdxSection { get; set; }

    public bool SawSyftArtifacts { get; set; }
    public bool SawSyftDescriptor { get; set; }

    public string? InTotoType { get; set; }
    public string? PredicateType { get; set; }
    public JsonTopLevel? Predicate { get; set; }
    /// <summary>cosign's older predicate wrapper {"Data": "&lt;document as a string&gt;"}.</summary>
    public byte[]? PredicateData { get; set; }
    public RawPackage? StatementSubject { get; set; }

    public bool SawPayload { get; set; }
    public string? PayloadType { get; set; }
    public byte[]? Payload { get; set; }

    public bool SawJsonLd { get; set; }
    public bool SawSpdx3Graph { get; set; }

    public bool IsInToto => InTotoType is not null || PredicateType is not null || Predicate is not null || PredicateData is not null;
}
