using McpShim.Containers;
using McpShim.Profiles;

namespace McpShim.Tests.Containers;

/// <summary>Issue 14: no value mcpshim hands the engine CLI can be read as another option.</summary>
public sealed class EngineCliValuesSpecs
{
    private static readonly SessionInfo Session = new("0123456789ab", "alice", "1000", "host1", 4242, "98765");

    private static readonly ResolvedProfile Profile = new()
    {
        Name = "p",
        Source = "/cfg/profiles.json",
        Mode = ProfileMode.Run,
        Image = "img:1",
        AuditPath = "/dev/null",
    };

    [Theory]
    [InlineData("/w,source=/etc", ",\"", "a ','")]
    [InlineData("/w\n", ",\"", "a newline")]
    [InlineData("/w\"x", ",\"", "a '\"'")]
    [InlineData("/w\tx", ",\"", "the control character \\u0009")]
    [InlineData("/w\u007fx", ",\"", "the control character \\u007f")]
    [InlineData("NAME=value", "=", "a '='")]
    public void A_value_holding_its_flag_s_separator_or_a_control_character_is_refused_naming_the_field_and_the_fix(string value, string separators, string what)
    {
        var ex = Assert.Throws<StartupException>(() => EngineCliValues.Checked(value, "--mount", separators, "the field", "The fix."));

        Assert.StartsWith("the field: '", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot be passed safely to the engine CLI's --mount: it holds {what}", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("The fix.", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Message.Any(char.IsControl), "the message must not carry the control character itself");
    }

    [Theory]
    [InlineData("/w/a=b.env", ",\"")]
    [InlineData("alice, the admin", "=")]
    public void A_character_that_is_not_the_flag_s_separator_passes(string value, string separators)
    {
        Assert.Equal(value, EngineCliValues.Checked(value, "--label", separators, "f", "fix"));
    }

    [Fact]
    public void Flags_built_from_a_profile_that_escaped_the_grammar_stop_the_session_at_the_field()
    {
        var profile = Profile with { Volumes = [new ResolvedVolume("/home/alice/p", "/w,source=/etc", true)] };

        var ex = Assert.Throws<StartupException>(() => HardeningFlags.For(profile, Session, "n", "65532:65532", warm: false));

        Assert.StartsWith("/cfg/profiles.json: $.profiles.p.volumes[0]: '/w,source=/etc'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bridge,alias=x")]
    [InlineData("name=host")]
    [InlineData("none\n")]
    public void A_network_the_CLI_would_read_as_options_is_refused(string network)
    {
        var ex = Assert.Throws<StartupException>(() => HardeningFlags.For(Profile with { Network = network }, Session, "n", "65532:65532", warm: false));

        Assert.StartsWith("/cfg/profiles.json: $.profiles.p.network: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_value_with_a_newline_is_refused()
    {
        var ex = Assert.Throws<StartupException>(() => HardeningFlags.For(Profile, Session with { User = "alice\nx" }, "n", "65532:65532", warm: false));

        Assert.Contains("--label: it holds a newline", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_name_with_an_equals_sign_is_refused()
    {
        var ex = Assert.Throws<StartupException>(() => HardeningFlags.EnvironmentFlags([new("TOKEN=evil", "x")]));

        Assert.Contains("-e: it holds a '='", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_folder_with_a_comma_names_the_ways_out()
    {
        var profile = Profile with { Volumes = [new ResolvedVolume("/home/alice/a,b", "/w", true)] };

        var ex = Assert.Throws<StartupException>(() => HardeningFlags.For(profile, Session, "n", "65532:65532", warm: false));

        Assert.Contains("Mount a folder whose path has no ','", ex.Message, StringComparison.Ordinal);
        Assert.Contains("or let mcpshim reach the Docker Engine API", ex.Message, StringComparison.Ordinal);
    }
}
