namespace Scout.Sbom.Json;

/// <summary>Decides what a JSON object was from the sections it had, unwraps attestations and checks versions.</summary>
internal static class JsonFormatResolver
{
    private static readonly string[] SbomPredicateHints = ["spdx", "cyclonedx", "syft", "sbom"];

    public static RawSbom Resolve(JsonSource src, JsonTopLevel top)
    {
        if (top.SawPayload) return UnwrapDsse(src, top);
        if (top.IsInToto) return UnwrapStatement(src, top);

        var sbom = top.Sbom;
        if (top.SawBomFormat || (top.SawCycloneDxSection && top.CycloneDxSpecVersion is not null && !top.SawSpdxVersion))
            return CycloneDx(src, top);
        if (top.SawSpdxVersion || top.SawSpdxSection)
        {
            src.Format = "spdx-json";
            var refusal = Spdx.SpdxDocumentBuilder.CheckSpecVersion(top.SpdxVersion, sbom);
            if (refusal is not null) throw src.Fail("$.spdxVersion", refusal);
            sbom.Format = "spdx";
            sbom.SpecVersion = top.SpdxVersion;
            top.Spdx.Finish();
            return sbom;
        }
        if (top.SawSyftArtifacts)
        {
            sbom.Format = "syft";
            sbom.SpecVersion = null;
            return sbom;
        }
        if (top.SawSpdx3Graph)
        {
            sbom.Format = "spdx";
            sbom.SpecVersion ??= "3.0";
            top.Spdx3.Finish();
            return sbom;
        }
        if (top.SawJsonLd) throw src.Fail("$", "JSON-LD document without an @graph is not an SPDX 3 SBOM");
        throw src.Fail("$", "not a recognized SBOM: no bomFormat (CycloneDX), spdxVersion (SPDX), artifacts (syft), in-toto statement or DSSE envelope");
    }

    private static RawSbom CycloneDx(JsonSource src, JsonTopLevel top)
    {
        src.Format = "cyclonedx-json";
        var sbom = top.Sbom;
        if (!top.SawBomFormat) sbom.Warn("$.bomFormat", "bomFormat is missing; read as CycloneDX");
        else if (top.BomFormat != "CycloneDX")
            throw src.Fail("$.bomFormat", $"bomFormat '{top.BomFormat}' is not \"CycloneDX\"");
        var refusal = CycloneDxRules.CheckSpecVersion(top.CycloneDxSpecVersion, out var warning);
        if (refusal is not null) throw src.Fail("$.specVersion", refusal);
        if (warning is not null) sbom.Warn("$.specVersion", warning);
        sbom.Format = "cyclonedx";
        sbom.SpecVersion = top.CycloneDxSpecVersion;
        return sbom;
    }

    private static RawSbom UnwrapDsse(JsonSource src, JsonTopLevel top)
    {
        if (top.Payload is null) throw src.Fail("$.payload", "DSSE envelope has no payload");
        var type = top.PayloadType ?? "";
        if (src.Wrapping + 1 > src.Limits.MaxWrapping)
            throw src.Fail("$.payload", "attestations are wrapped too deeply", $"max wrapping {src.Limits.MaxWrapping}");
        RawSbom inner;
        try
        {
            inner = SbomReader.ReadRaw(top.Payload, src.Limits, src.Wrapping + 1);
        }
        catch (SbomFormatException e)
        {
            throw new SbomFormatException("dsse", "$.payload" + (e.Path is null ? "" : " -> " + e.Path), e.Line,
                $"payload ({(type.Length == 0 ? "no payloadType" : type)}): {e.Reason}", e.Limit);
        }
        if (type.Length == 0) inner.Warnings.Insert(0, new("$.payloadType", "DSSE envelope has no payloadType"));
        return inner;
    }

    private static RawSbom UnwrapStatement(JsonSource src, JsonTopLevel top)
    {
        var predicateType = top.PredicateType ?? "(none)";
        RawSbom inner;
        if (src.Wrapping + 1 > src.Limits.MaxWrapping)
            throw src.Fail("$.predicate", "attestations are wrapped too deeply", $"max wrapping {src.Limits.MaxWrapping}");
        try
        {
            if (top.Predicate is { } predicate)
            {
                if (predicate.PredicateData is { } data) inner = SbomReader.ReadRaw(data, src.Limits, src.Wrapping + 1);
                else
                {
                    var nested = new JsonSource(src.Buffer, src.Limits, src.Wrapping + 1);
                    inner = Resolve(nested, predicate);
                }
            }
            else if (top.PredicateData is { } data) inner = SbomReader.ReadRaw(data, src.Limits, src.Wrapping + 1);
            else throw src.Fail("$.predicate", "in-toto statement has no predicate");
        }
        catch (SbomFormatException e) when (e.Format != "in-toto")
        {
            var hint = SbomPredicateHints.Any(h => predicateType.Contains(h, StringComparison.OrdinalIgnoreCase))
                ? e.Reason : $"predicateType {predicateType} is not an SBOM (expected an SPDX or CycloneDX predicate)";
            throw new SbomFormatException("in-toto", "$.predicate" + (e.Path is null or "$" ? "" : " -> " + e.Path), e.Line ?? top.Line, hint, e.Limit);
        }
        if (top.InTotoType is not null && !top.InTotoType.StartsWith("https://in-toto.io/Statement/", StringComparison.Ordinal))
            inner.Warnings.Insert(0, new("$._type", $"unknown in-toto statement type '{top.InTotoType}'"));
        if (inner.Subject is null && top.StatementSubject is not null) inner.Subject = top.StatementSubject;
        return inner;
    }
}
