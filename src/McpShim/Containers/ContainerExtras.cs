using McpShim.Profiles;
using McpShim.Secrets;

namespace McpShim.Containers;

/// <summary>
/// What a container needs beyond the profile's own flags, prepared when a session starts: the masks that hide
/// <c>.mcpignore</c>'d paths in bind mounts, and for <c>secretsAs: files</c> the secrets folder mounted at
/// /run/secrets.
/// </summary>
internal sealed class ContainerExtras
{
    private ContainerExtras(List<string> mounts, SecretFiles? files)
    {
        Mounts = mounts;
        Files = files;
    }

    public IReadOnlyList<string> Mounts { get; }

    public SecretFiles? Files { get; }

    /// <summary>Plans the extras and writes the secret files.</summary>
    /// <param name="filesKey">The secrets folder's name: the session id, or the warm container's name.</param>
    public static ContainerExtras Prepare(ResolvedProfile profile, IReadOnlyList<SecretValue> secrets, string user, string filesKey, bool keepFiles)
    {
        var extras = Plan(profile, secrets, filesKey, keepFiles);
        extras.WriteSecrets(secrets, user);
        return extras;
    }

    /// <summary>
    /// The mounts, with nothing written yet: a warm container first decides whether it may receive these secrets
    /// (<see cref="WarmContainer"/>), then <see cref="WriteSecrets"/>.
    /// </summary>
    public static ContainerExtras Plan(ResolvedProfile profile, IReadOnlyList<SecretValue> secrets, string filesKey, bool keepFiles)
    {
        var mounts = new List<string>();
        foreach (var volume in profile.Volumes.Where(v => !v.Named))
            mounts.AddRange(IgnoreMasks.For(volume.Host, volume.Container));

        SecretFiles? files = null;
        if (profile.SecretsAs == SecretsDelivery.Files && secrets.Count > 0)
        {
            var folders = Platform.ShimPlatform.Current.SecretFolders;
            if (!folders.Supported)
                throw new StartupException($"profile '{profile.Name}': \"secretsAs\": \"files\" is not supported on Windows hosts yet; use \"env\".");
            files = folders.Plan(filesKey, removeOnCleanup: !keepFiles);
            mounts.AddRange(files.MountFlags);
        }

        return new ContainerExtras(mounts, files);
    }

    public void WriteSecrets(IReadOnlyList<SecretValue> secrets, string user)
    {
        if (Files is not null)
            Platform.ShimPlatform.Current.SecretFolders.Write(Files, secrets, user);
    }
}
