namespace McpShim.Platform;

/// <summary>
/// One access rule of a Windows file, as plain data: who (SID and display name), allow or deny, the
/// <c>FileSystemRights</c> bits, and whether it only passes on to children (so does not apply to the file itself).
/// </summary>
internal sealed record AclEntry(string Sid, string Name, bool Allow, int Rights, bool InheritOnly);
