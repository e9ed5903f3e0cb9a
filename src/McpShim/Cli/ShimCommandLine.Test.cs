using System.CommandLine;

namespace McpShim.Cli;

internal static partial class ShimCommandLine
{
    /// <summary><c>mcpshim test [PROFILE...] [--all] [--junit FILE] [--json FILE] [--timeout S]</c> (issue 5).</summary>
    private static Command BuildTest()
    {
        var profiles = new Argument<string[]>("profile")
        {
            Description = "Profiles to test, e.g. 'everything filesystem'. See 'mcpshim list'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Test every profile: the built-in ones and those of the profiles file." };
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report (one testsuite per profile, one testcase per check).", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "Also write a machine-readable JSON report.", HelpName = "FILE" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds to wait for the server to start and for each answer (default: 30).", HelpName = "S" };
        var test = new Command(
            "test",
            "Smoke-test profiles for CI: start each server as a session would, check the MCP protocol (initialize, tools/list, " +
            "resources/list, prompts/list, ping), run the profile's \"smoke\" calls, audit the running container's hardening, " +
            "then remove it. A table goes to stdout; the exit code is 0 only if every check passed. " +
            "Example: mcpshim test --all --junit smoke.xml")
        {
            profiles,
            all,
            junit,
            json,
            timeout,
        };
        test.SetAction((result, _) => TestCommand.RunAsync(
            result.GetValue(profiles) ?? [],
            result.GetValue(all),
            result.GetValue(junit),
            result.GetValue(json),
            result.GetValue(timeout),
            result.GetValue(ConfigOption),
            LevelOf(result)));
        return test;
    }
}
