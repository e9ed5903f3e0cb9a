namespace McpShim.Containers.EngineApi;

/// <summary>An HTTP/1.1 response's status line and headers (names case-insensitive).</summary>
internal sealed record HttpResponseHead(int Status, string Reason, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether the body is sent in chunks (<c>Transfer-Encoding: chunked</c>); dockerd uses it for some JSON answers.</summary>
    public bool IsChunked => Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
}
