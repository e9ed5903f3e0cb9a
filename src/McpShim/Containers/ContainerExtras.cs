using McpShim.Profiles;
using McpShim.Secrets;

namespace McpShim.Containers;

/// <summary>
/// What a container needs beyond the profile's own settings, prepared when a session starts: the masks that hide
/// <c>.mcpignore</c>'d paths in bind mounts, and for <c>secretsAs: files</c> the secrets folder mounted at
/// /run/secrets. Typed (<see cref="TypedMounts"/>) for the Engine API; <see cref="Mounts"/> for the CLI.
/// </summary>
internal sealed class ContainerExtras
{
    private readonly Lazy<IReadOnlyList<string>> _flags;

    private ContainerExtras(List<ContainerMount> mounts, SecretFiles? files)
    {
        TypedMounts = mounts;
        Files = files;
        _flags = new(() => [.. mounts.SelectMany(m => m.ToCliFlag())], LazyThreadSafetyMode.PublicationOnly);
    }

    public IReadOnlyList<ContainerMount> TypedMounts { get; }

    /// <summary>
    /// The mounts as <c>--mount</c> flags for the engine CLI. Throws <see cref="StartupException"/> when one cannot be
    /// written there safely (a file name with a comma or a newline): the session stops rather than losing a mask.
    /// </summary>
    public IReadOnlyList<string> Mounts => _flags.Value;

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
        var mounts = new List<ContainerMount>();
        foreach (var volume in profile.Volumes.Where(v => !v.Named))
            mounts.AddRange(IgnoreMasks.For(volume.Host, volume.Container));

        SecretFiles? files = null;
        if (profile.SecretsAs == SecretsDelivery.Files && secrets.Count > 0)
        {
            var folders = Platform.ShimPlatform.Current.SecretFolders;
            if (!folders.Supported)
                throw new StartupException($"profile '{profile.Name}': \"secretsAs\": \"files\" is not supported on Windows hosts yet; use \"env\".");
            files = folders.Plan(filesKey, removeOnCleanup: !keepFiles);
            mounts.Add(ContainerMount.Bind(files.Folder, SecretFiles.ContainerFolder, readOnly: true, $"profile '{profile.Name}': the secrets folder",
                "Point XDG_RUNTIME_DIR at a folder whose path has no ',' and no control character."));
        }

        return new ContainerExtras(mounts, files);
    }

    public void WriteSecrets(IReadOnlyList<SecretValue> secrets, string user)
    {
        if (Files is not null)
            Platform.ShimPlatform.Current.SecretFolders.Write(Files, secrets, user);
    }
}
