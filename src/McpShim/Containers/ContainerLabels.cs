using System.Globalization;
using System.Text;
using McpShim.Profiles;

namespace McpShim.Containers;

/// <summary>The labels that mark a container as mcpshim's, and its names.</summary>
internal static class ContainerLabels
{
    public const string Managed = "io.mcpshim.managed";
    public const string Profile = "io.mcpshim.profile";
    public const string Session = "io.mcpshim.session";
    public const string Mode = "io.mcpshim.mode";
    public const string OwnerPid = "io.mcpshim.owner.pid";
    public const string OwnerStart = "io.mcpshim.owner.start";
    public const string OwnerHost = "io.mcpshim.owner.host";
    public const string OwnerUid = "io.mcpshim.owner.uid";
    public const string OwnerUser = "io.mcpshim.owner.user";

    public static IEnumerable<KeyValuePair<string, string>> For(ResolvedProfile profile, SessionInfo session)
    {
        yield return new(Managed, "true");
        yield return new(Profile, profile.Name);
        yield return new(Session, session.Id);
        yield return new(Mode, profile.Mode.Name());
        yield return new(OwnerPid, session.Pid.ToString(CultureInfo.InvariantCulture));
        if (session.StartStamp is not null)
            yield return new(OwnerStart, session.StartStamp);
        yield return new(OwnerHost, session.Host);
        yield return new(OwnerUid, session.Uid);
        yield return new(OwnerUser, session.User);
    }

    /// <summary><c>mcpshim-PROFILE-SESSION</c>: one container per run-mode session.</summary>
    public static string RunContainerName(ResolvedProfile profile, SessionInfo session) =>
        $"mcpshim-{profile.Name}-{session.Id}";

    /// <summary><c>mcpshim-PROFILE-USER</c>: the warm exec-mode container, one per (profile, OS user).</summary>
    public static string WarmContainerName(ResolvedProfile profile, SessionInfo session) =>
        $"mcpshim-{profile.Name}-{Sanitize(session.User)}";

    private static string Sanitize(string user)
    {
        var sb = new StringBuilder(user.Length);
        foreach (var c in user.ToLowerInvariant())
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        return sb.Length == 0 ? "user" : sb.ToString();
    }
}
