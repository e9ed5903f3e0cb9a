using System.Text.Json;
using McpShim.Json;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// The Engine API calls of a run-mode session (issue 14), <c>docker run -i --rm</c> without the CLI: create the
/// container from typed JSON, attach to its stdio over a hijacked connection, wait for its exit on another, start it;
/// and kill or remove it. Each throws <see cref="EngineApiException"/> for an error status and
/// <see cref="IOException"/> when the answer is not an engine's.
/// </summary>
internal static class EngineContainerApi
{
    /// <summary><c>POST /containers/create?name=NAME</c>; returns the container's id.</summary>
    public static string Create(EngineApiConnection connection, string name, ContainerCreateRequest request)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, ShimJsonContext.Default.ContainerCreateRequest);
        var (head, response) = connection.Send("POST", "/containers/create?name=" + Uri.EscapeDataString(name), body);
        if (head.Status is not (200 or 201))
            throw EngineApiException.From(head, response);
        var created = Read(response, "/containers/create", ShimJsonContext.Default.ContainerCreateResponse);
        return created.Id is { Length: > 0 } id ? id : throw new IOException("the engine created a container but gave no id");
    }

    /// <summary>
    /// Attaches to the container's stdin, stdout and stderr: from here on the connection is its stdio (stdout and stderr
    /// multiplexed, as an exec's). Made before the start, so not a byte of output is missed.
    /// </summary>
    public static void Attach(EngineApiConnection connection, string id)
    {
        var (head, response) = connection.Upgrade($"/containers/{Uri.EscapeDataString(id)}/attach?stream=1&stdin=1&stdout=1&stderr=1", []);
        if (head.Status is not (101 or 200))
            throw EngineApiException.From(head, response);
    }

    /// <summary>
    /// Asks to be told when the container has exited and been removed (it is created with <c>AutoRemove</c>), before
    /// it starts, as <c>docker run --rm</c> does: the engine answers the head at once and the body
    /// (<see cref="ReadExit"/>) then, so when the server is over, so is its container.
    /// </summary>
    public static HttpResponseHead BeginWait(EngineApiConnection connection, string id)
    {
        var head = connection.SendHead("POST", $"/containers/{Uri.EscapeDataString(id)}/wait?condition=removed", null);
        if (head.Status != 200)
            throw EngineApiException.From(head, connection.ReadBody(head));
        return head;
    }

    /// <summary>Blocks until the container has exited; its exit code.</summary>
    public static int ReadExit(EngineApiConnection connection, HttpResponseHead head)
    {
        var body = connection.ReadBody(head);
        var answer = Read(body, "/containers/wait", ShimJsonContext.Default.ContainerWaitResponse);
        return answer.Error?.Message is { Length: > 0 } message
            ? throw new IOException($"the engine could not wait for the container: {message}")
            : (int)answer.StatusCode;
    }

    /// <summary><c>POST /containers/{id}/start</c>; 304 (already started) counts as started.</summary>
    public static void Start(EngineApiConnection connection, string id)
    {
        var (head, response) = connection.Send("POST", $"/containers/{Uri.EscapeDataString(id)}/start", null);
        if (head.Status is not (204 or 304))
            throw EngineApiException.From(head, response);
    }

    /// <summary>Sends a signal; a container that is gone or stopped (404, 409) is not an error here.</summary>
    public static void Kill(EngineApiConnection connection, string id, string signal)
    {
        var (head, response) = connection.Send("POST", $"/containers/{Uri.EscapeDataString(id)}/kill?signal={signal}", null);
        if (head.Status is not (204 or 404 or 409))
            throw EngineApiException.From(head, response);
    }

    /// <summary>
    /// <c>DELETE /containers/{id}?force=1</c>: a no-op when it is gone (404). True when it was removed or gone; false
    /// when the engine is already removing it (409), which the caller may wait for.
    /// </summary>
    public static bool Remove(EngineApiConnection connection, string id)
    {
        var (head, response) = connection.Send("DELETE", $"/containers/{Uri.EscapeDataString(id)}?force=1", null);
        if (head.Status is not (204 or 404 or 409))
            throw EngineApiException.From(head, response);
        return head.Status != 409;
    }

    /// <summary>The container's first process as the host sees it, or null when it does not run (or is gone).</summary>
    public static int? Pid(EngineApiConnection connection, string id) =>
        EngineInspectApi.Container(connection, id)?.State is { Running: true, Pid: > 0 } state ? state.Pid : null;

    private static T Read<T>(byte[] body, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw new IOException($"the engine answered {path} with null");
        }
        catch (JsonException ex)
        {
            throw new IOException($"the engine's answer to {path} is not the JSON expected ({ex.Message})", ex);
        }
    }

    /// <summary>For messages: the first 12 hex digits, as the CLI shows ids.</summary>
    public static string Short(string id) => id[..Math.Min(12, id.Length)];
}
