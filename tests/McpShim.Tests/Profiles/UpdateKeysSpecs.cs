using McpShim.Profiles;
using McpShim.Tests.Support;

namespace McpShim.Tests.Profiles;

/// <summary>The profile keys of issue 6's updates: <c>build</c>, <c>update</c>, <c>checkInterval</c>.</summary>
[Collection(EnvironmentDependentTests.Name)]
public sealed class UpdateKeysSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_profile_updates_manually_by_pulling_unless_it_says_otherwise()
    {
        var profile = Resolve("""{"profiles":{"p":{"image":"img:1"}}}""");

        Assert.Equal(UpdatePolicy.Manual, profile.Update);
        Assert.Equal(TimeSpan.FromHours(24), profile.CheckInterval);
        Assert.Null(profile.BuildContext);
    }

    [Fact]
    public void I_can_have_a_profile_checked_at_startup_every_week_and_rebuilt_from_a_folder_beside_the_profiles_file()
    {
        var profile = Resolve("""{"profiles":{"p":{"image":"img:1","build":"server","update":"startup","checkInterval":"7d"}}}""");

        Assert.Equal(UpdatePolicy.Startup, profile.Update);
        Assert.Equal(TimeSpan.FromDays(7), profile.CheckInterval);
        Assert.Equal(_temp.File("server"), profile.BuildContext);
    }

    [Theory]
    [InlineData("""{"image":"img:1","update":"weekly"}""", "$.profiles.p.update", "one of \"manual\", \"startup\"")]
    [InlineData("""{"image":"img:1","checkInterval":"soon"}""", "$.profiles.p.checkInterval", "'soon' is not a duration")]
    [InlineData("""{"image":"img:1","checkInterval":"10s"}""", "$.profiles.p.checkInterval", "a minute or more")]
    [InlineData("""{"mode":"local","command":["x"],"update":"startup"}""", "$.profiles.p.update", "no image to update")]
    [InlineData("""{"mode":"local","command":["x"],"build":"dir"}""", "$.profiles.p.build", "no image to build")]
    [InlineData("""{"image":"img:1","build":" "}""", "$.profiles.p.build", "is empty")]
    [InlineData("""{"image":"img:1","updates":"startup"}""", "$.profiles.p", "Did you mean 'update'?")]
    public void A_wrong_update_key_is_refused_with_its_path_and_the_fix(string profileJson, string path, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => Resolve("{\"profiles\":{\"p\":" + profileJson + "}}"));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private ResolvedProfile Resolve(string json)
    {
        var file = _temp.File("profiles.json");
        File.WriteAllText(file, json);
        return ProfileResolver.Resolve(ProfileCatalog.Load(file), "p");
    }
}
