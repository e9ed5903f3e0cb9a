namespace McpShim.Platform;

/// <summary>
/// The Windows owner-only decision over a file's access rules, as plain data so it can be tested on any OS. A file is
/// private when no allow rule that applies to it gives read (or write) rights to anyone but you, the file's owner,
/// SYSTEM, Administrators or OWNER RIGHTS. Deny rules are ignored: they can only narrow access.
/// </summary>
internal static class WindowsAclRules
{
    // FileSystemRights bits (winnt.h), spelled out so the rules need no Windows API.
    private const int ReadData = 0x1;
    private const int WriteData = 0x2;
    private const int AppendData = 0x4;
    private const int Delete = 0x10000;
    private const int ChangePermissions = 0x40000;
    private const int TakeOwnership = 0x80000;
    private const int GenericAll = 0x10000000;
    private const int GenericWrite = 0x40000000;
    private const int GenericRead = unchecked((int)0x80000000);

    /// <summary>Rights that let someone change the file, replace it, or give themselves that power.</summary>
    public const int WriteRights = WriteData | AppendData | Delete | ChangePermissions | TakeOwnership | GenericWrite | GenericAll;

    /// <summary>Rights that let someone read the file's contents or change it.</summary>
    public const int ReadOrWriteRights = WriteRights | ReadData | GenericRead;

    public const string LocalSystem = "S-1-5-18";
    public const string Administrators = "S-1-5-32-544";
    public const string OwnerRights = "S-1-3-4";

    /// <param name="trusted">The SIDs that may hold the rights: the file's owner and the current user.</param>
    /// <param name="userName">The current user's account name, for the fix.</param>
    public static AccessProblem? Judge(string file, IEnumerable<AclEntry> entries, IReadOnlyCollection<string> trusted, string userName, int rights)
    {
        var others = entries
            .Where(e => e.Allow && !e.InheritOnly && (e.Rights & rights) != 0)
            .Where(e => e.Sid is not (LocalSystem or Administrators or OwnerRights) && !trusted.Contains(e.Sid, StringComparer.OrdinalIgnoreCase))
            .Select(e => e.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (others.Count == 0)
            return null;
        var fix = $"icacls \"{file}\" /inheritance:r /grant:r \"{userName}:F\"" + string.Concat(others.Select(name => $" /remove:g \"{name}\""));
        return new AccessProblem("its ACL allows " + string.Join(", ", others), fix);
    }
}
