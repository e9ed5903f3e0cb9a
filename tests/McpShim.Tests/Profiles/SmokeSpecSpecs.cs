using McpShim.Profiles;
using McpShim.Smoke;

namespace McpShim.Tests.Profiles;

public sealed class SmokeSpecSpecs
{
    [Fact]
    public void A_smoke_section_reads_with_its_calls_arguments_and_expectations()
    {
        var document = ProfilesFileReader.Parse("""
            {"profiles": {"p": {"image": "i", "smoke": {"calls": [
              {"tool": "echo", "arguments": {"message": "hi", "n": [1, 2]}, "expect": {"contains": "hi", "isError": false, "structuredContent": {"$.sum": 3, "$.a['b']": {"c": null}}}}
            ]}}}}
            """, "test.json");

        var call = Assert.Single(document.Profiles!["p"].Smoke!.Calls!);
        Assert.Equal("echo", call.Tool);
        Assert.Equal("""{"message": "hi", "n": [1, 2]}""", call.Arguments!.Value.GetRawText());
        Assert.Equal(("hi", false), (call.Expect!.Contains, call.Expect.IsError));
        Assert.Equal(["$.sum", "$.a['b']"], call.Expect.StructuredContent!.Keys);
    }

    [Fact]
    public void A_misspelt_key_in_a_smoke_section_names_the_file_the_path_and_the_likely_key()
    {
        var error = Assert.Throws<ConfigException>(() => ProfilesFileReader.Parse(
            """{"profiles": {"p": {"image": "i", "smoke": {"calls": [{"tool": "echo", "expext": {}}]}}}}""", "test.json"));

        Assert.StartsWith("test.json: $.profiles.p.smoke.calls[0] (line 1): unknown key 'expext'. Did you mean 'expect'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_built_in_profile_but_context7_has_smoke_calls_that_are_well_formed()
    {
        var document = ProfilesFileReader.Parse(BuiltInProfiles.Json, BuiltInProfiles.Source);

        Assert.Equal(["everything", "filesystem", "sequential-thinking", "memory", "context7"], document.Profiles!.Keys);
        foreach (var (name, spec) in document.Profiles)
        {
            var calls = spec.Smoke?.Calls ?? [];
            // context7's tools need its network egress to context7.com; CI has none, so it is tested without calls.
            Assert.True(name == "context7" ? calls.Length == 0 : calls.Length > 0, name);
            Assert.All(calls, c => Assert.Null(ScriptedCalls.SpecProblem(c)));
        }

        Assert.Equal("bridge", document.Profiles["context7"].Network);
        Assert.Contains("NETWORK", document.Profiles["context7"].Description, StringComparison.Ordinal);
    }
}
