namespace McpShim.IntegrationTests.Infrastructure;

/// <summary>Finds the published native AOT binary under test: $MCPSHIM_BINARY, else artifacts/bin/mcpshim.</summary>
internal static class ShimBinary
{
    public static string Path
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("MCPSHIM_BINARY");
            var path = string.IsNullOrEmpty(fromEnvironment)
                ? System.IO.Path.Combine(RepositoryRoot, "artifacts", "bin", "mcpshim")
                : System.IO.Path.GetFullPath(fromEnvironment);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The mcpshim binary under test is missing at {path}. Run ./build.sh in the repository root to " +
                    "publish it (or set MCPSHIM_BINARY to a published mcpshim).", path);
            }
            return path;
        }
    }

    /// <summary>The path mcpshim reports for itself and writes into client files: Linux resolves /proc/self/exe's symlinks.</summary>
    public static string ResolvedPath =>
        new FileInfo(Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(Path);

    /// <summary>The folder holding McpShim.sln, found upward from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "McpShim.sln")))
                    return dir.FullName;
            }
            throw new DirectoryNotFoundException($"no McpShim.sln above {AppContext.BaseDirectory}");
        }
    }
}
