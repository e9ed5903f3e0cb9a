using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace McpShim.FakeServer;

/// <summary>
/// The tools/list result, prebuilt once per tool set; <see cref="AddLateTool"/> switches to the set with 'late'.
/// With a page size, <see cref="Page"/> serves it in pages linked by <c>nextCursor</c> ("page-2", "page-3", ...).
/// </summary>
internal sealed class ToolCatalog
{
    /// <summary>A schema with one keyword of each kind the relay's argument validation covers.</summary>
    private const string StoreSchema = """
        {"type":"object","properties":{
        "path":{"type":"string","minLength":2,"maxLength":64,"pattern":"^/"},
        "mode":{"enum":["create","overwrite"]},
        "copies":{"type":"integer","minimum":1,"maximum":5},
        "tags":{"type":"array","items":{"type":"string","maxLength":8}},
        "options":{"type":"object","properties":{"force":{"type":"boolean"}},"required":["force"],"additionalProperties":false},
        "api_key":{"type":"string"}},
        "required":["path"],"additionalProperties":false}
        """;

    private readonly byte[][] _initialTools;
    private readonly byte[][] _withLateTools;
    private readonly byte[] _initial;
    private readonly byte[] _withLate;
    private volatile bool _hasLate;

    private readonly bool _cacheable;

    public ToolCatalog(string? echoDescription = null, bool includeStore = false, bool cacheable = false)
    {
        _cacheable = cacheable;
        _initialTools = Build(includeLate: false, echoDescription, includeStore);
        _withLateTools = Build(includeLate: true, echoDescription, includeStore);
        HasStore = includeStore;
        _initial = Result(_initialTools, null, cacheable);
        _withLate = Result(_withLateTools, null, cacheable);
    }

    public bool HasLate => _hasLate;

    public bool HasStore { get; private set; }

    /// <summary>The JSON of the whole tools/list result: {"tools":[...]}.</summary>
    public ReadOnlySpan<byte> ListResult => _hasLate ? _withLate : _initial;

    public void AddLateTool() => _hasLate = true;

    /// <summary>One page of the result; null for a cursor this server did not hand out.</summary>
    public byte[]? Page(string? cursor, int pageSize)
    {
        var tools = _hasLate ? _withLateTools : _initialTools;
        var page = 1;
        if (cursor is not null && (!cursor.StartsWith("page-", StringComparison.Ordinal)
                                   || !int.TryParse(cursor.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 2))
        {
            return null;
        }

        var start = (page - 1) * pageSize;
        if (start >= tools.Length)
            return null;
        var next = start + pageSize < tools.Length ? "page-" + (page + 1).ToString(CultureInfo.InvariantCulture) : null;
        return Result(tools[start..Math.Min(start + pageSize, tools.Length)], next, _cacheable);
    }

    private static byte[] Result(byte[][] tools, string? nextCursor, bool cacheable)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, JsonRpcFrames.WriterOptions))
        {
            json.WriteStartObject();
            if (cacheable)
                json.WriteString("resultType", "complete");
            json.WriteStartArray("tools");
            foreach (var tool in tools)
                json.WriteRawValue(tool, skipInputValidation: true);
            json.WriteEndArray();
            if (nextCursor is not null)
                json.WriteString("nextCursor", nextCursor);
            if (cacheable)
            {
                // 2026-07-28 CacheableResult
                json.WriteNumber("ttlMs", 60000);
                json.WriteString("cacheScope", "private");
            }

            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static byte[][] Build(bool includeLate, string? echoDescription, bool includeStore)
    {
        var tools = new List<byte[]>
        {
            Tool("echo", echoDescription ?? "Returns the message as text.", """{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""", readOnly: true),
            Tool("big", "Returns a text of the given number of 'x'.", Schema("bytes", "integer"), readOnly: true),
            Tool("fail", "Always returns a tool error (isError: true).", Schema(), readOnly: true),
            Tool("progress", "Sends notifications/progress for each step, then returns.", Schema("steps", "integer"), readOnly: true),
            Tool("sample", "Asks the client for sampling/createMessage and returns its text.", Schema("prompt", "string"), readOnly: null),
            Tool("elicit", "Asks the client for elicitation/create and returns the action.", Schema("message", "string"), readOnly: null),
            Tool("slow", "Sleeps the given milliseconds, then returns.", Schema("ms", "integer"), readOnly: true),
            Tool("stderr", "Writes the given number of lines to stderr.", Schema("lines", "integer"), readOnly: false),
        };
        if (includeStore)
            tools.Add(Tool("store", "Pretends to write a file; returns 'stored PATH'.", StoreSchema.ReplaceLineEndings(string.Empty), readOnly: false));
        if (includeLate)
            tools.Add(Tool("late", "Appears after --tools-change-after N tools/call requests.", Schema(), readOnly: null));
        return tools.ToArray();
    }

    private static string Schema(string? argument = null, string? type = null) =>
        argument is null
            ? """{"type":"object","properties":{}}"""
            : $$$$"""{"type":"object","properties":{"{{{{argument}}}}":{"type":"{{{{type}}}}"}}}""";

    private static byte[] Tool(string name, string description, string inputSchema, bool? readOnly)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, JsonRpcFrames.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("description", description);
            json.WritePropertyName("inputSchema");
            json.WriteRawValue(inputSchema);
            if (readOnly is { } hint)
            {
                json.WriteStartObject("annotations");
                json.WriteBoolean("readOnlyHint", hint);
                if (!hint)
                    json.WriteBoolean("destructiveHint", true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
