namespace McpShim.Inspection;

/// <summary><c>mcpshim show</c>'s text output: settings as an aligned table, each command one flag per line (pasteable).</summary>
internal static class ProfileReportText
{
    public static void Write(ProfileReport report, TextWriter output)
    {
        output.WriteLine($"profile {report.Name}");
        output.WriteLine(report.ReplacesBuiltIn
            ? $"defined in {report.DefinedIn} (replaces the built-in profile of that name; nothing is merged)"
            : report.DefinedIn == Profiles.BuiltInProfiles.Source ? "built into mcpshim (a profiles file entry of that name would replace it)" : $"defined in {report.DefinedIn}");
        output.WriteLine();

        // The value goes last: paths and commands may be long, and then overflow only their own row.
        var keyWidth = Math.Max("SETTING".Length, report.Settings.Max(s => s.Key.Length));
        var originWidth = Math.Max("FROM".Length, report.Settings.Max(s => s.Origin.Length));
        output.WriteLine($"{"SETTING".PadRight(keyWidth)}  {"FROM".PadRight(originWidth)}  VALUE");
        foreach (var setting in report.Settings)
            output.WriteLine($"{setting.Key.PadRight(keyWidth)}  {setting.Origin.PadRight(originWidth)}  {setting.Value}");

        output.WriteLine();
        output.WriteLine(report.SecretNames.Count == 0
            ? "secrets: none"
            : "secrets (names only, values never read): " + string.Join(", ", report.SecretNames));
        if (report.ImageProblem is { } problem)
        {
            output.WriteLine($"note: the image could not be inspected, so the user shown is the profile's or the fallback: {problem}");
        }

        foreach (var warning in report.Warnings)
            output.WriteLine("warning: " + warning);

        foreach (var command in report.Commands)
        {
            output.WriteLine();
            output.WriteLine($"command ({command.Purpose}):");
            WriteCommand(command.Arguments, output);
        }

        if (report.Sandbox is { } sandbox)
            WriteSandbox(sandbox, output);

        if (report.EngineEnvironment.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("engine CLI environment, from yours (names): " + string.Join(", ", report.EngineEnvironment));
        }

        if (report.ServerEnvironment.Count > 0)
        {
            output.WriteLine(report.Mode == Profiles.ProfileMode.Local
                ? "server variables, added to your environment (names): " + string.Join(", ", report.ServerEnvironment)
                : "server variables, passed by name (-e NAME): " + string.Join(", ", report.ServerEnvironment));
        }
    }

    private static void WriteSandbox(SandboxReport sandbox, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"sandbox: {sandbox.Mechanism}");
        if (sandbox.Problem is { } problem)
        {
            output.WriteLine("  problem: " + problem);
            return;
        }

        if (sandbox.Rules.Count == 0)
            return;
        var accessWidth = sandbox.Rules.Max(r => r.Access.Length);
        var pathWidth = Math.Min(60, sandbox.Rules.Max(r => r.Path.Length));
        foreach (var (access, path, reason) in sandbox.Rules)
            output.WriteLine($"  {access.PadRight(accessWidth)}  {path.PadRight(pathWidth)}  {reason}");
        output.WriteLine("  everything else on this host: no access (the rest of your home folder included)");
        if (sandbox.Hidden.Count > 0)
            output.WriteLine("  hidden by .mcpignore: " + string.Join(", ", sandbox.Hidden));
        output.WriteLine("  network: " + sandbox.Network);
        if (sandbox.SystemCalls.Count > 0)
            output.WriteLine("  system calls refused: " + string.Join(", ", sandbox.SystemCalls));
        output.WriteLine("  limits: " + sandbox.Limits);
        foreach (var gap in sandbox.NotEnforced)
            output.WriteLine("  not enforced here: " + gap);
    }

    /// <summary>
    /// An engine command as program and subcommand, then each flag with its value on a continued line, then the image or
    /// container with the server's arguments. Anything else (a local command) on one line.
    /// </summary>
    private static void WriteCommand(IReadOnlyList<string> arguments, TextWriter output)
    {
        if (arguments.Count < 3 || arguments[1] is not ("run" or "exec"))
        {
            output.WriteLine("  " + ShellWords.Join(arguments));
            return;
        }

        var lines = new List<string> { ShellWords.Join(arguments.Take(2)) };
        var i = 2;
        while (i < arguments.Count && arguments[i].StartsWith('-'))
        {
            var flag = arguments[i++];
            lines.Add(TakesValue(flag) && i < arguments.Count
                ? ShellWords.Quote(flag) + " " + ShellWords.Quote(arguments[i++])
                : ShellWords.Quote(flag));
        }

        if (i < arguments.Count)
            lines.Add(ShellWords.Join(arguments.Skip(i)));
        for (var n = 0; n < lines.Count; n++)
            output.WriteLine((n == 0 ? "  " : "      ") + lines[n] + (n < lines.Count - 1 ? " \\" : string.Empty));
    }

    private static bool TakesValue(string flag) =>
        flag is not ("--rm" or "-i" or "-d" or "--read-only" or "--init" or "--privileged");
}
