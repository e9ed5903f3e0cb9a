namespace McpShim.Tests.Containers.EngineApi;

/// <summary>A request as <see cref="FakeEngine"/> received it: <c>POST /exec/x/start HTTP/1.1</c>, headers, body.</summary>
internal sealed record FakeEngineRequest(string RequestLine, IReadOnlyList<string> Headers, string Body)
{
    public bool Is(string method, string path) => RequestLine == $"{method} {path} HTTP/1.1";
}
