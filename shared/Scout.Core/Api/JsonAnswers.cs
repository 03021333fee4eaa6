using System.Text.Json.Serialization.Metadata;
using Scout.Core.Serialization;

namespace Scout.Core.Api;

/// <summary>Builds JSON answers, success or error alike; errors add their {error, detail} body through <see cref="ApiError.ToResponse"/>.</summary>
public static class JsonAnswers
{
    public static ApiResponse Json<T>(int status, T body, JsonTypeInfo<T> typeInfo) =>
        new(status, "application/json", ScoutJson.SerializeToUtf8(body, typeInfo));
}
