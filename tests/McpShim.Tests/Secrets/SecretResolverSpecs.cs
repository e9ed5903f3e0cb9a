using McpShim.Containers;
using McpShim.Profiles;
using McpShim.Secrets;
using McpShim.Tests.Support;

namespace McpShim.Tests.Secrets;

[Collection(EnvironmentDependentTests.Name)]
public sealed class SecretResolverSpecs : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_environment_wins_then_the_secrets_file_then_the_command()
    {
        WriteSecretsFile("FROM_FILE=file-value\nBOTH=file-loses\nexport QUOTED=\"a b\"\n# comment\n");
        Environment.SetEnvironmentVariable("BOTH", "env-wins");
        try
        {
            var values = await SecretResolver.ResolveAsync(
                Profile(new SecretSpec { Name = "BOTH" }, new SecretSpec { Name = "FROM_FILE" }, new SecretSpec { Name = "QUOTED" },
                        new SecretSpec { Name = "FROM_CMD", From = "cmd:printf 'cmd-value\\n'" }),
                CancellationToken.None);

            Assert.Equal(["env-wins", "file-value", "a b", "cmd-value"], values.Select(v => v.Value));
            Assert.Equal(["environment", _temp.File("secrets.env"), _temp.File("secrets.env"), "command"], values.Select(v => v.Source));
            Assert.DoesNotContain("value", values[1].ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BOTH", null);
        }
    }

    [Fact]
    public async Task A_missing_secret_names_itself_and_every_place_looked()
    {
        WriteSecretsFile("OTHER=x\n");

        var ex = await Assert.ThrowsAsync<StartupException>(() => SecretResolver.ResolveAsync(Profile(new SecretSpec { Name = "GITHUB_TOKEN" }), CancellationToken.None));

        Assert.Contains("secret 'GITHUB_TOKEN' for profile 'p' was not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mcpshim's environment ($GITHUB_TOKEN)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the secrets file " + _temp.File("secrets.env"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"from\": \"cmd:...\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_shows_its_stderr_never_its_stdout()
    {
        var ex = await Assert.ThrowsAsync<StartupException>(() => SecretResolver.ResolveAsync(
            Profile(new SecretSpec { Name = "T", From = "cmd:echo \"leak\"\"ed-value\"; echo 'vault is locked' >&2; exit 3" }), CancellationToken.None));

        Assert.Contains("failed with exit code 3: vault is locked", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked-value", ex.Message, StringComparison.Ordinal);
    }

    [LinuxFact("whether the killed child is gone is read from /proc", Timeout = 20_000)]
    public async Task A_from_command_that_hangs_is_killed_with_its_children_at_its_timeout()
    {
        var pidFile = _temp.File("helper.pid");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // A helper waiting on a locked vault, deaf to SIGINT and SIGTERM: only a kill of the whole tree ends it.
        var ex = await Assert.ThrowsAsync<StartupException>(() => SecretResolver.ResolveAsync(
            Profile(new SecretSpec { Name = "T", From = $"cmd:trap '' INT TERM; sleep 60 & echo $! > '{pidFile}'; wait" }),
            CancellationToken.None, commandTimeout: TimeSpan.FromSeconds(1)));

        Assert.Contains("secret 'T': its \"from\" command did not finish within 1 s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        Assert.True(ProcessState.IsGone(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture)),
            "the from command's child outlived the timeout");
    }

    [UnixFact(Timeout = 20_000)]
    public async Task A_from_command_sees_mcpshims_environment()
    {
        Environment.SetEnvironmentVariable("MCPSHIM_SPEC_VAULT", "vault-address");
        try
        {
            var values = await SecretResolver.ResolveAsync(
                Profile(new SecretSpec { Name = "T", From = "cmd:printf '%s' \"$MCPSHIM_SPEC_VAULT\"" }), CancellationToken.None);

            Assert.Equal("vault-address", Assert.Single(values).Value);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MCPSHIM_SPEC_VAULT", null);
        }
    }

    [UnixFact]
    public async Task A_secrets_file_others_can_read_is_refused_with_the_chmod()
    {
        if (OperatingSystem.IsWindows())
            return;
        WriteSecretsFile("T=x\n");
        File.SetUnixFileMode(_temp.File("secrets.env"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var ex = await Assert.ThrowsAsync<StartupException>(() => SecretResolver.ResolveAsync(Profile(new SecretSpec { Name = "T" }), CancellationToken.None));

        Assert.Contains($"chmod 600 '{_temp.File("secrets.env")}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redactor_hides_values_in_text_and_bytes()
    {
        var redactor = new SecretRedactor([new SecretValue("TOKEN", "s3cr3t-value", "test"), new SecretValue("SHORT", "abc", "test")]);

        Assert.Equal("auth [redacted:TOKEN] ok abc", redactor.Redact("auth s3cr3t-value ok abc"));
        Assert.Equal("{\"k\":\"[redacted:TOKEN]\"}", System.Text.Encoding.UTF8.GetString(redactor.Redact("{\"k\":\"s3cr3t-value\"}"u8)));
        Assert.False(redactor.Contains("nothing here"u8));
    }

    private void WriteSecretsFile(string content)
    {
        File.WriteAllText(_temp.File("secrets.env"), content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_temp.File("secrets.env"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private ResolvedProfile Profile(params SecretSpec[] secrets) => new()
    {
        Name = "p",
        Source = "test",
        Mode = ProfileMode.Local,
        Command = ["x"],
        AuditPath = "/dev/null",
        Secrets = secrets,
        SecretsFile = _temp.File("secrets.env"),
    };
}
