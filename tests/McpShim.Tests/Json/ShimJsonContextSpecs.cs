using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpShim.Json;
using McpShim.Profiles;

namespace McpShim.Tests.Json;

public sealed class ShimJsonContextSpecs
{
    [Fact]
    public void Reflection_based_JSON_is_off_in_this_build_as_in_the_AOT_binary()
    {
        Assert.False(JsonSerializer.IsReflectionEnabledByDefault);
    }

    [Fact]
    public void Every_type_reachable_from_the_serialized_roots_is_in_the_context()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<JsonTypeInfo>([ShimJsonContext.Default.ProfilesDocument, ShimJsonContext.Default.ImageInspection]);
        while (pending.TryPop(out var info))
        {
            if (!seen.Add(info.Type))
                continue;
            IEnumerable<Type> children = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.Select(p => p.PropertyType),
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => [info.ElementType!],
                _ => [],
            };
            foreach (var child in children)
            {
                // GetTypeInfo returns null for a type the generator did not cover: that would fail in the AOT binary.
                var childInfo = ShimJsonContext.Default.GetTypeInfo(child);
                Assert.True(childInfo is not null, $"{child} (reached from {info.Type}) is not in ShimJsonContext");
                pending.Push(childInfo);
            }
        }

        Assert.Contains(typeof(ProfileSpec), seen);
        Assert.Contains(typeof(ProfileMode?), seen);
    }

    [Fact]
    public void A_full_profiles_file_round_trips_through_the_context()
    {
        var json = """
            {"audit":{"path":"a","arguments":"full"},"profiles":{"p":{"description":"d","image":"i","mode":"exec",
             "command":["c"],"env":{"A":"b"},"volumes":[{"host":"h","container":"/c","readOnly":false}],"network":"bridge",
             "limits":{"memory":"1g","cpus":0.5,"pids":10},"engine":"podman","user":"1:1","workdir":"/w","graceSeconds":1,
             "maxFrameBytes":2048},
             "q":{"image":"i","engine":{"name":"docker","host":"tcp://box:2375"},"build":"b","update":"startup","checkInterval":"7d"}}}
            """;

        var document = JsonSerializer.Deserialize(json, ShimJsonContext.Default.ProfilesDocument)!;
        var again = JsonSerializer.Deserialize(JsonSerializer.Serialize(document, ShimJsonContext.Default.ProfilesDocument), ShimJsonContext.Default.ProfilesDocument)!;

        Assert.Equal("\"exec\"", JsonSerializer.Serialize(ProfileMode.Exec, ShimJsonContext.Default.ProfileMode));
        Assert.Equal(2048, again.Profiles!["p"].MaxFrameBytes);
        Assert.Equal("podman", again.Profiles["p"].Engine!.Name);
        Assert.Equal(McpShim.Audit.ArgumentsMode.Full, again.Audit!.Arguments);
        Assert.Equal("tcp://box:2375", again.Profiles["q"].Engine!.Host);
        Assert.Equal(UpdatePolicy.Startup, again.Profiles["q"].Update);
        Assert.Equal("7d", again.Profiles["q"].CheckInterval);
    }
}
