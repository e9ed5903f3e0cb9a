using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Policy;

[Collection(EnvironmentDependentTests.Name)]
public sealed class ToolPolicyResolverSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_profile_without_policy_has_none()
    {
        Assert.Null(Resolve("""{"profiles":{"p":{"image":"i"}}}""").Policy);
    }

    [Fact]
    public void The_policy_keys_resolve_with_their_defaults_and_the_pins_file_beside_the_profiles_file()
    {
        var profile = Resolve("""
            {"profiles":{"p":{"image":"i","policy":{
              "tools":{"allow":["resolve-*","get-library-docs"],"deny":["*delete*"]},
              "confirm":["write_file"], "pinTools": true }}}}
            """);

        var policy = profile.Policy!;
        Assert.Equal(["resolve-*", "get-library-docs"], policy.Allow.Select(g => g.Pattern));
        Assert.Equal(["*delete*"], policy.Deny.Select(g => g.Pattern));
        Assert.Equal(["write_file"], policy.Confirm.Select(g => g.Pattern));
        Assert.False(policy.ReadOnly);
        Assert.False(policy.ValidateArguments);
        Assert.True(policy.PinTools);
        Assert.Equal(TimeSpan.FromSeconds(120), policy.ConfirmTimeout);
        Assert.Equal(Path.Combine(_temp.Path, "pins", "p.json"), policy.PinsFile);
        Assert.Equal(_temp.File("profiles.json"), policy.Source);
    }

    [Fact]
    public void A_mistyped_policy_key_names_the_path_and_the_known_keys()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("""{"profiles":{"p":{"image":"i","policy":{"readonly":true}}}}"""));

        Assert.Contains("$.profiles.p.policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'readonly'. Did you mean 'readOnly'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("validateArguments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_pattern_is_an_error_with_its_index()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("""{"profiles":{"p":{"image":"i","policy":{"tools":{"deny":["x",""]}}}}}"""));

        Assert.Contains("$.profiles.p.policy.tools.deny[1]: is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmation_timeout_out_of_range_is_an_error()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("""{"profiles":{"p":{"image":"i","policy":{"confirmTimeoutSeconds":0}}}}"""));

        Assert.Contains("$.profiles.p.policy.confirmTimeoutSeconds", error.Message, StringComparison.Ordinal);
    }

    private ResolvedProfile Resolve(string json)
    {
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, json);
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }
}
