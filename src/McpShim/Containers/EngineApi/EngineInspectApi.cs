using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpShim.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// The Engine API calls that replace <c>docker image inspect</c>, <c>docker container inspect</c> and <c>docker ps</c>
/// at a session's start: the same JSON documents the CLI prints, without ~30-50 ms of CLI start-up each.
/// Each throws <see cref="EngineApiException"/> for an error status the caller must decide on, and
/// <see cref="IOException"/> when the answer is not what an engine gives (then the CLI is asked instead).
/// </summary>
internal static class EngineInspectApi
{
    /// <summary>
    /// <c>/images/NAME/json</c>. The engine routes <c>/images/{name:.*}/json</c>, so the '/', ':' and '@' of a
    /// reference (<c>ghcr.io/o/i:tag</c>, <c>i@sha256:...</c>) stay as they are, like the Docker CLI sends them;
    /// everything else that is not plain is percent-escaped, so no name can break the request line or its path.
    /// </summary>
    public static string ImagePath(string image) =>
        "/images/" + Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal) + "/json";

    /// <summary><c>GET /images/NAME/json</c>: 200 is the inspection; 404 (no such image) and others throw <see cref="EngineApiException"/>.</summary>
    public static ImageInspection Image(EngineApiConnection connection, string image)
    {
        var path = ImagePath(image);
        var (head, body) = connection.Send("GET", path, null);
        if (head.Status != 200)
            throw EngineApiException.From(head, body);
        return Read(body, path, ShimJsonContext.Default.ImageInspection);
    }

    /// <summary><c>GET /containers/NAME/json</c>: the inspection, or null when there is no such container (404).</summary>
    public static ContainerInspection? Container(EngineApiConnection connection, string name)
    {
        var path = $"/containers/{Uri.EscapeDataString(name)}/json";
        var (head, body) = connection.Send("GET", path, null);
        if (head.Status == 404)
            return null;
        if (head.Status != 200)
            throw EngineApiException.From(head, body);
        return Read(body, path, ShimJsonContext.Default.ContainerInspection);
    }

    /// <summary><c>GET /containers/json?all=1</c> filtered by labels (<c>key=value</c>, all must match): <c>docker ps -a --filter label=...</c>.</summary>
    public static IReadOnlyList<ContainerSummary> Containers(EngineApiConnection connection, IReadOnlyList<string> labels)
    {
        var filters = new MemoryStream();
        using (var writer = new Utf8JsonWriter(filters))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("label");
            foreach (var label in labels)
                writer.WriteStringValue(label);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var path = "/containers/json?all=1&filters=" + Uri.EscapeDataString(System.Text.Encoding.UTF8.GetString(filters.ToArray()));
        var (head, body) = connection.Send("GET", path, null);
        if (head.Status != 200)
            throw EngineApiException.From(head, body);
        return Read(body, "/containers/json", ShimJsonContext.Default.ListContainerSummary);
    }

    /// <summary><c>GET /info</c>: the engine's runtimes (issue 19); the rest of the document is skipped.</summary>
    public static EngineInfo Info(EngineApiConnection connection)
    {
        var (head, body) = connection.Send("GET", "/info", null);
        if (head.Status != 200)
            throw EngineApiException.From(head, body);
        return Read(body, "/info", ShimJsonContext.Default.EngineInfo);
    }

    private static T Read<T>(byte[] body, string path, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new IOException($"the engine answered GET {path} with null");
        }
        catch (JsonException ex)
        {
            throw new IOException($"the engine's answer to GET {path} is not the JSON expected ({ex.Message})", ex);
        }
    }
}
