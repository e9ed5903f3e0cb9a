namespace McpShim.Containers.EngineApi;

/// <summary>The Engine API answered a call with an error status; <see cref="EngineMessage"/> is its own wording.</summary>
internal sealed class EngineApiException(int status, string engineMessage)
    : Exception($"HTTP {status}: {engineMessage}")
{
    public int Status { get; } = status;

    public string EngineMessage { get; } = engineMessage;
}
