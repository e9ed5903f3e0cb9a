using System.ComponentModel;
using McpShim.Containers;
using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Secrets;

/// <summary>
/// Finds each secret a profile names, in this order: mcpshim's own environment, the secrets file, then the secret's
/// <c>from</c> command (<c>cmd:pass show github</c>, <c>cmd:secret-tool lookup service github</c>). A missing secret
/// stops the session before any container starts, naming the secret and every place looked.
/// </summary>
internal static class SecretResolver
{
    private static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <param name="commandTimeout">How long a <c>from</c> command may run (30 s unless a test says otherwise).</param>
    public static async Task<IReadOnlyList<SecretValue>> ResolveAsync(ResolvedProfile profile, CancellationToken cancellationToken, TimeSpan? commandTimeout = null)
    {
        if (profile.Secrets.Count == 0)
            return [];
        IReadOnlyDictionary<string, string> file;
        try
        {
            file = SecretsFile.Read(profile.SecretsFile);
        }
        catch (ConfigException ex)
        {
            throw new StartupException(ex.Message, ex);
        }

        var values = new List<SecretValue>(profile.Secrets.Count);
        foreach (var secret in profile.Secrets)
        {
            var name = secret.Name!;
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromEnv)
                values.Add(new SecretValue(name, fromEnv, "environment"));
            else if (file.TryGetValue(name, out var fromFile) && fromFile.Length > 0)
                values.Add(new SecretValue(name, fromFile, profile.SecretsFile));
            else if (secret.From is { } from)
                values.Add(new SecretValue(name, await RunAsync(profile, name, from, commandTimeout ?? DefaultCommandTimeout, cancellationToken), "command"));
            else
                throw Missing(profile, name);
        }

        return values;
    }

    private static StartupException Missing(ResolvedProfile profile, string name) => new(
        $"secret '{name}' for profile '{profile.Name}' was not found. Looked in: mcpshim's environment (${name}), " +
        $"the secrets file {profile.SecretsFile}{(File.Exists(profile.SecretsFile) ? string.Empty : " (not present)")}, " +
        "and no \"from\" command is set. Fix: add a line " + name + "=... to the secrets file (chmod 600), or give the " +
        "secret a \"from\": \"cmd:...\" in the profile.");

    private static async Task<string> RunAsync(ResolvedProfile profile, string name, string from, TimeSpan commandTimeout, CancellationToken cancellationToken)
    {
        if (!from.StartsWith("cmd:", StringComparison.Ordinal) || from.Length == 4)
        {
            throw new StartupException(
                $"secret '{name}' of profile '{profile.Name}': \"from\" must be \"cmd:COMMAND\", e.g. \"cmd:pass show github\".");
        }

        var command = from[4..];
        CliWrap.Buffered.BufferedCommandResult? result;
        try
        {
            // mcpshim's own environment, as a shell started by hand would have; killed with its children on a timeout.
            result = await ShortCommand.RunAsync(Platform.ShimPlatform.Current.Processes.Shell(command), commandTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new StartupException($"secret '{name}': could not run its \"from\" command ({ex.Message}).", ex);
        }

        if (result is null)
            throw new StartupException($"secret '{name}': its \"from\" command did not finish within {commandTimeout.TotalSeconds:0} s.");

        // Only the command's stderr is ever shown: its stdout is the secret.
        var value = result.StandardOutput.TrimEnd('\r', '\n');
        var problem = result.StandardError.Trim().Split('\n', 2)[0];
        if (result.ExitCode != 0 || value.Length == 0)
        {
            throw new StartupException(
                $"secret '{name}': its \"from\" command ({command}) {(result.ExitCode != 0 ? $"failed with exit code {result.ExitCode}" : "printed nothing")}" +
                (problem.Length > 0 ? $": {problem}" : "."));
        }

        return value;
    }
}
