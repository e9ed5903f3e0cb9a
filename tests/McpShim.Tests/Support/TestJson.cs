using System.Text.Json.Serialization;

namespace McpShim.Tests.Support;

/// <summary>Source-generated JSON for the tests themselves (reflection-based JSON is off in this build).</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : JsonSerializerContext;
