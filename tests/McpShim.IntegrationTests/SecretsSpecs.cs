using System.Text.Json.Nodes;
using McpShim.IntegrationTests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpShim.IntegrationTests;

/// <summary>
/// A secret reaches the server and nothing else: not any process's argv, not the audit file, not stderr, not
/// <c>mcpshim list</c>, and in files mode not even <c>docker inspect</c>.
/// </summary>
public sealed class SecretsSpecs
{
    [DockerFact(Timeout = 120_000)]
    public async Task A_secret_from_the_secrets_file_reaches_the_server_and_no_argv_log_or_audit_line()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var value = "tok-" + Guid.NewGuid().ToString("N");
        WriteSecretsFile(sandbox, $"MCPSHIM_IT_TOKEN={value}\n");
        sandbox.SetAuditArguments("full");
        var profile = sandbox.AddEverythingProfile("secret-env", configure: p => p["secrets"] = new JsonArray("MCPSHIM_IT_TOKEN"));

        string env, echoed, cmdlines;
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using (var session = await sandbox.ConnectAsync(profile, stderr: stderr))
        {
            env = ShimSession.TextOf(await session.Client.CallToolAsync("get-env", new Dictionary<string, object?>()));
            echoed = await session.EchoAsync("my token is " + value);
            cmdlines = ReadEveryCommandLine();
        }

        Assert.Contains(value, env, StringComparison.Ordinal); // the server has it
        Assert.Contains(value, echoed, StringComparison.Ordinal);
        Assert.DoesNotContain(value, cmdlines, StringComparison.Ordinal);
        var audit = sandbox.Audit.ReadText();
        Assert.DoesNotContain(value, audit, StringComparison.Ordinal);
        Assert.Contains("my token is [redacted:MCPSHIM_IT_TOKEN]", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(stderr, line => line.Contains(value, StringComparison.Ordinal));

        var list = await ProcessRunner.RunAsync(ShimBinary.Path, ["list"], sandbox.Environment);
        Assert.DoesNotContain(value, list.Stdout + list.Stderr, StringComparison.Ordinal);
    }

    [DockerFact(Timeout = 120_000)]
    public async Task In_files_mode_a_secret_is_a_0400_file_in_run_secrets_and_not_in_the_container_env()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        var value = "file-" + Guid.NewGuid().ToString("N");
        WriteSecretsFile(sandbox, $"MCPSHIM_IT_FILE_TOKEN={value}\n");
        var profile = sandbox.AddEverythingProfile("secret-files", configure: p =>
        {
            p["secrets"] = new JsonArray("MCPSHIM_IT_FILE_TOKEN");
            p["secretsAs"] = "files";
        });

        await using var session = await sandbox.ConnectAsync(profile);
        var container = Assert.Single(await ShimSandbox.ContainersOfAsync(profile));
        var inspect = await Docker.RunCheckedAsync("inspect", "--format", "{{json .Config.Env}}", container);
        var content = await Docker.RunCheckedAsync("exec", container, "cat", "/run/secrets/MCPSHIM_IT_FILE_TOKEN");
        var env = ShimSession.TextOf(await session.Client.CallToolAsync("get-env", new Dictionary<string, object?>()));

        Assert.DoesNotContain(value, inspect, StringComparison.Ordinal);
        Assert.DoesNotContain(value, env, StringComparison.Ordinal);
        Assert.Equal(value, content);
        if (Environment.UserName == "root") // only root may hand the file to the container's user
            Assert.Equal("400 65532", (await Docker.RunCheckedAsync("exec", container, "stat", "-c", "%a %u", "/run/secrets/MCPSHIM_IT_FILE_TOKEN")).Trim());
    }

    [DockerFact(Timeout = 60_000)]
    public async Task A_missing_secret_fails_initialize_naming_it_and_starts_no_container()
    {
        await using var sandbox = await ShimSandbox.CreateAsync();
        WriteSecretsFile(sandbox, "SOMETHING_ELSE=x\n");
        var profile = sandbox.AddEverythingProfile("secret-missing", configure: p => p["secrets"] = new JsonArray("MCPSHIM_IT_ABSENT"));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => sandbox.ConnectAsync(profile));

        Assert.Contains("secret 'MCPSHIM_IT_ABSENT'", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("secrets.env", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(await ShimSandbox.ContainersOfAsync(profile));
    }

    private static void WriteSecretsFile(ShimSandbox sandbox, string content)
    {
        var path = Path.Combine(sandbox.Folder, "secrets.env");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        sandbox.SetTopLevel("secretsFile", path);
    }

    /// <summary>What every process on the machine was started with, as a reviewer would scan it.</summary>
    private static string ReadEveryCommandLine()
    {
        var all = new System.Text.StringBuilder();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                all.Append(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')).Append('\n');
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        Assert.True(all.Length > 0, "no process command lines were readable");
        return all.ToString();
    }
}
