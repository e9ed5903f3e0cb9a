using McpShim.Audit;
using McpShim.Profiles;

namespace McpShim.Tests.Profiles;

public sealed class ProfilesFileReaderSpecs
{
    [Fact]
    public void The_documented_example_parses()
    {
        var document = ProfilesFileReader.Parse("""
            {
              "audit": { "path": "~/.local/state/mcpshim/audit.jsonl", "arguments": "keys" },
              "profiles": {
                "everything": {
                  "image": "mcpshim/everything:latest",
                  "mode": "run",
                  "command": ["mcp-server-everything"],
                  "env": { "LOG_LEVEL": "info" },
                  "volumes": [ { "host": "~/projects", "container": "/workspace", "readOnly": true } ],
                  "network": "none",
                  "limits": { "memory": "512m", "cpus": 1.0, "pids": 256 }
                }
              }
            }
            """, "profiles.json");

        var spec = document.Profiles!["everything"];
        Assert.Equal(ArgumentsMode.Keys, document.Audit!.Arguments);
        Assert.Equal(ProfileMode.Run, spec.Mode);
        Assert.Equal(["mcp-server-everything"], spec.Command!);
        Assert.Equal("info", spec.Env!["LOG_LEVEL"]);
        Assert.True(spec.Volumes![0].ReadOnly);
        Assert.Equal(256, spec.Limits!.Pids);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var document = ProfilesFileReader.Parse("{ // mine\n \"profiles\": { \"a\": { \"mode\": \"local\", \"command\": [\"x\",], }, }, }", "f.json");

        Assert.Equal(ProfileMode.Local, document.Profiles!["a"].Mode);
    }

    [Theory]
    [InlineData("{\"profiles\":{\"a\":{\"comand\":[\"x\"]}}}", "f.json: $.profiles.a (line 1): unknown key 'comand'. Did you mean 'command'?")]
    [InlineData("{\"profiles\":{\"a\":{\"limits\":{\"memroy\":\"1g\"}}}}", "f.json: $.profiles.a.limits (line 1): unknown key 'memroy'. Did you mean 'memory'? Known keys here: memory, cpus, pids.")]
    [InlineData("{\"profiles\":{\"a\":{\"mode\":\"lokal\"}}}", "f.json: $.profiles.a.mode (line 1): expected one of \"run\", \"exec\", \"local\".")]
    [InlineData("{\"profiles\":{\"a\":{\"mode\":1}}}", "f.json: $.profiles.a.mode (line 1): expected one of \"run\", \"exec\", \"local\".")]
    [InlineData("{\"profiles\":{\"a\":{\"limits\":{\"pids\":\"many\"}}}}", "f.json: $.profiles.a.limits.pids (line 1): expected a whole number.")]
    [InlineData("{\"profiles\":{\"a\":{\"command\":\"node server.js\"}}}", "f.json: $.profiles.a.command (line 1): expected an array of strings, e.g. [\"node\", \"server.js\"].")]
    [InlineData("{\"profiles\":{\"a\":{\"volumes\":[{\"host\":\"/x\",\"readOnly\":\"yes\"}]}}}", "f.json: $.profiles.a.volumes[0].readOnly (line 1): expected true or false.")]
    [InlineData("{\"audit\":{\"arguments\":\"all\"}}", "f.json: $.audit.arguments (line 1): expected one of \"keys\", \"full\", \"none\".")]
    [InlineData("{\"profiles\":{\"a\":{\"env\":{\"X\":1}}}}", "f.json: $.profiles.a.env.X (line 1): expected a string.")]
    public void Mistakes_name_the_file_the_path_and_the_fix(string json, string expectedStart)
    {
        var ex = Assert.Throws<ConfigException>(() => ProfilesFileReader.Parse(json, "f.json"));

        Assert.StartsWith(expectedStart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_JSON_is_reported_with_its_line()
    {
        var ex = Assert.Throws<ConfigException>(() => ProfilesFileReader.Parse("{\n\"profiles\": {\n\"a\": {\"mode\": \"run\"\n}", "f.json"));

        Assert.StartsWith("f.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line ", ex.Message, StringComparison.Ordinal);
    }
}
