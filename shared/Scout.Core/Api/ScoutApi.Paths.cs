using System.Text.RegularExpressions;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

/// <summary>
/// Path and token shapes checked before any store sees them: an over-long or malformed digest, upload id or page
/// token is a 404/400 here, never a store error (DynamoDB refuses sort keys over 1 KiB, Firestore ids with '/').
/// </summary>
public sealed partial class ScoutApi
{
    public const int MaxPageTokenLength = 1024;
    /// <summary>OSV ids are short (GHSA-xxxx-xxxx-xxxx, DEBIAN-CVE-…); far past any, an id is not one.</summary>
    public const int MaxAdvisoryIdLength = 256;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex UploadIdPattern();

    private static void CheckResourceIds(string[] segments, ApiRequest request)
    {
        if (segments is ["v1", "images", var digest, ..] && !UploadEnvelopeParser.DigestPattern().IsMatch(digest))
            throw ApiError.NotFound($"no image {Shorten(digest)}");
        if (segments is ["v1", "uploads", var id, ..] && !UploadIdPattern().IsMatch(id))
            throw ApiError.NotFound($"no upload {Shorten(id)}");
        if (segments is ["v1", "advisories", var advisory, ..] && advisory.Length > MaxAdvisoryIdLength)
            throw ApiError.NotFound($"no advisory {Shorten(advisory)}");
        if (request.Query.TryGetValue("pageToken", out var token) && token.Length > MaxPageTokenLength)
            throw ApiError.BadRequest($"pageToken: longer than {MaxPageTokenLength} characters; not a token this API issued");
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
