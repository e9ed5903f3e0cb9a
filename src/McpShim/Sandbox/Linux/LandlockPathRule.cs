namespace McpShim.Sandbox.Linux;

/// <summary>
/// One Landlock path-beneath rule as the launcher adds it: the rights (already masked to what the kernel handles), and
/// whether the path is opened without following any symlink (<see cref="SandboxPath.Exact"/>). A rule on a file keeps
/// only <see cref="SandboxProgram.FileRights"/>; that is decided when the launcher opens it.
/// </summary>
internal readonly record struct LandlockPathRule(ulong Access, bool Exact, string Path);
