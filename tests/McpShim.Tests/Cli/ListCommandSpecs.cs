using McpShim.Cli;
using McpShim.Tests.Support;

namespace McpShim.Tests.Cli;

[Collection(EnvironmentDependentTests.Name)]
public sealed class ListCommandSpecs
{
    [Fact]
    public void I_can_list_profiles_with_their_mode_what_they_run_and_their_source()
    {
        using var temp = new TempFolder();
        var file = temp.File("profiles.json");
        File.WriteAllText(file, """
            {
              "audit": { "path": "audit/a.jsonl" },
              "profiles": {
                "context7": { "image": "mcpshim/context7:1.0", "mode": "exec" },
                "local-fake": { "mode": "local", "command": ["node", "server.js", "--stdio"] }
              }
            }
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ListCommand.Run(file, output, error);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error.ToString());
        Snapshot.Match(output.ToString().Replace(temp.Path, "<dir>", StringComparison.Ordinal), "list");
    }

    [Fact]
    public void A_broken_profiles_file_is_reported_on_stderr_with_exit_code_78()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("p.json"), "{\"profiles\": {\"x\": {\"mode\": \"sometimes\"}}}");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ListCommand.Run(temp.File("p.json"), output, error);

        Assert.Equal(78, exit);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Contains("$.profiles.x.mode", error.ToString(), StringComparison.Ordinal);
    }
}
