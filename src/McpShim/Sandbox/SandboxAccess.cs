namespace McpShim.Sandbox;

/// <summary>What a sandboxed server may do under one path (and everything beneath it).</summary>
internal enum SandboxAccess
{
    /// <summary>List the folder's entries, nothing else: a folder holding an ignored entry (see <see cref="VolumeGrants"/>).</summary>
    ListOnly,

    /// <summary>Read files and list folders.</summary>
    Read,

    /// <summary>Read, list and run programs: the server's own runtime and the system's libraries.</summary>
    ReadExecute,

    /// <summary>Read and write an existing device file such as <c>/dev/null</c>.</summary>
    Device,

    /// <summary>Read, write, create, rename and remove files and folders (never device nodes).</summary>
    ReadWrite,
}
