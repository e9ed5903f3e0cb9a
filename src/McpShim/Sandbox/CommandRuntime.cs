using McpShim.Platform;
using McpShim.Profiles;

namespace McpShim.Sandbox;

/// <summary>
/// What a server's command needs to run inside the sandbox, derived from the command itself (README "Sandboxed host
/// mode"): the program found on PATH, each <c>#!</c> interpreter in turn (through <c>/usr/bin/env</c>), the install
/// root of each (the folder above <c>bin</c>, <c>sbin</c> or <c>shims</c>, else the program's own folder), the
/// outermost <c>node_modules</c> and any <c>site-packages</c> folder a script lives in, the files the arguments name,
/// and for a .NET app its host's <c>/etc/dotnet</c> and <c>$DOTNET_ROOT</c>. A derived folder that is too broad
/// (fewer than two levels deep, your home folder or its <c>.local</c>, <c>.config</c>, <c>.cache</c>) or that would
/// expose a refused path shrinks to the program file itself. Anything else goes in <c>hostReadable</c>.
/// </summary>
internal sealed class CommandRuntime
{
    private const int MaxInterpreters = 4;
    private static readonly string[] InstallFolders = ["bin", "sbin", "shims"];
    private static readonly string[] HomeDataFolders = [".local", ".config", ".cache", ".local/share", ".local/state"];

    private readonly string _home;
    private readonly string _configFolder;
    private readonly List<SandboxPath> _paths = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private CommandRuntime(string home, string configFolder)
    {
        _home = home;
        _configFolder = configFolder;
    }

    /// <summary>The program to execute (absolute) and the paths its runtime needs.</summary>
    public static (string Executable, IReadOnlyList<SandboxPath> Paths) Derive(
        IReadOnlyList<string> command, string? searchPath, string workingFolder, string home, string configFolder, string? dotnetRoot)
    {
        var runtime = new CommandRuntime(RealPath.OfOrFull(home), configFolder);
        var executable = Find(command[0], searchPath, workingFolder)
            ?? throw new SandboxException($"'{command[0]}' was not found{(command[0].Contains('/') ? string.Empty : " on PATH")}");
        var program = executable;
        for (var depth = 0; depth < MaxInterpreters && program is not null; depth++)
        {
            var real = RealPath.Of(program) ?? program;
            runtime.AddProgram(real, dotnetRoot);
            program = Interpreter(real, searchPath, workingFolder);
        }

        foreach (var argument in command.Skip(1))
        {
            if (argument.StartsWith('-') || argument.Length == 0)
                continue;
            var candidate = Path.IsPathRooted(argument) ? argument : Path.Combine(workingFolder, argument);
            if (File.Exists(candidate) && RealPath.Of(candidate) is { } real)
                runtime.AddScript(real);
        }

        return (executable, runtime._paths);
    }

    /// <summary>The program as execve would find it: a path as given (made absolute), else the first PATH entry holding it.</summary>
    public static string? Find(string program, string? searchPath, string workingFolder)
    {
        if (program.Contains('/'))
        {
            var full = Path.GetFullPath(program, workingFolder);
            return File.Exists(full) ? full : null;
        }

        foreach (var folder in (searchPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(Path.IsPathRooted(folder) ? folder : Path.GetFullPath(folder, workingFolder), program);
            if (File.Exists(candidate) && IsExecutable(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>The interpreter a <c>#!</c> line names (through <c>env</c>, resolved on PATH), or null for a binary.</summary>
    public static string? Interpreter(string file, string? searchPath, string workingFolder)
    {
        Span<byte> head = stackalloc byte[256];
        int read;
        try
        {
            using var stream = File.OpenRead(file);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (read < 3 || head[0] != '#' || head[1] != '!')
            return null;
        var line = System.Text.Encoding.UTF8.GetString(head[2..read]).Split('\n')[0].Trim();
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return null;
        if (Path.GetFileName(words[0]) != "env")
            return words[0];
        // #!/usr/bin/env [-S] [VAR=value...] program [args]: the program is looked up on PATH.
        var name = words.Skip(1).FirstOrDefault(w => !w.StartsWith('-') && !w.Contains('='));
        return name is null ? words[0] : Find(name, searchPath, workingFolder);
    }

    private static bool IsExecutable(string file) => PosixFiles.IsExecutable(file);

    private void AddProgram(string real, string? dotnetRoot)
    {
        Add(real, SandboxAccess.ReadExecute, "command");
        var folder = Path.GetDirectoryName(real)!;
        var root = InstallFolders.Contains(Path.GetFileName(folder)) ? Path.GetDirectoryName(folder)! : folder;
        if (MayGrantFolder(root))
            Add(root, SandboxAccess.ReadExecute, "command (its install root)");
        AddPackageFolders(real);

        // A framework-dependent .NET app: its host reads /etc/dotnet and loads the runtime from DOTNET_ROOT.
        if (File.Exists(real + ".runtimeconfig.json") || File.Exists(real + ".dll"))
        {
            if (Directory.Exists("/etc/dotnet"))
                Add("/etc/dotnet", SandboxAccess.Read, "command (.NET host)");
            if (dotnetRoot is { Length: > 0 } && RealPath.Of(dotnetRoot) is { } runtimeRoot && MayGrantFolder(runtimeRoot))
                Add(runtimeRoot, SandboxAccess.ReadExecute, "command (.NET runtime, DOTNET_ROOT)");
        }
    }

    private void AddScript(string real)
    {
        if (MountPolicy.Exposes(real, _configFolder) is not null)
            return;
        Add(real, SandboxAccess.Read, "command (a file its arguments name)");
        AddPackageFolders(real);
    }

    /// <summary>The outermost node_modules (global installs keep dependencies beside the package) and site-packages.</summary>
    private void AddPackageFolders(string real)
    {
        var parts = real.Split('/');
        var nodeModules = Array.IndexOf(parts, "node_modules");
        if (nodeModules > 0)
            AddIfNarrow(string.Join('/', parts[..(nodeModules + 1)]), "command (its node_modules)");
        var sitePackages = Array.FindIndex(parts, p => p is "site-packages" or "dist-packages");
        if (sitePackages > 0)
            AddIfNarrow(string.Join('/', parts[..(sitePackages + 1)]), "command (its Python packages)");
    }

    private void AddIfNarrow(string folder, string reason)
    {
        if (MayGrantFolder(folder))
            Add(folder, SandboxAccess.ReadExecute, reason);
    }

    /// <summary>A derived folder is granted only when it is narrow: never a top-level folder, your home or its data folders.</summary>
    private bool MayGrantFolder(string folder)
    {
        if (folder.Count(c => c == '/') < 2 || folder.EndsWith('/'))
            return false;
        string[] broad = [_home, .. HomeDataFolders.Select(d => Path.Combine(_home, d))];
        if (broad.Any(b => RealPath.IsWithin(b, folder)))
            return false;
        return MountPolicy.Exposes(folder, _configFolder) is null;
    }

    private void Add(string path, SandboxAccess access, string reason)
    {
        if (_seen.Add(path))
            _paths.Add(new SandboxPath { Path = path, Access = access, Reason = reason });
    }
}
