using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace McpShim.Platform;

/// <summary>
/// Windows: owner-only ACLs instead of modes. Reads a file's ACL into plain <see cref="AclEntry"/> data and lets
/// <see cref="WindowsAclRules"/> decide; creates folders with a protected ACL (you, SYSTEM, Administrators).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsFileAccess : IFileAccess
{
    public string? Describe(string file) => null;

    public AccessProblem? OthersCanWrite(string file) => Judge(file, WindowsAclRules.WriteRights);

    public AccessProblem? OthersCanReadOrWrite(string file) => Judge(file, WindowsAclRules.ReadOrWriteRights);

    public void CreatePrivateFolder(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (Path.GetDirectoryName(Path.GetFullPath(folder)) is { Length: > 0 } parent)
            Directory.CreateDirectory(parent);
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        var owners = new[]
        {
            CurrentUser(),
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
        foreach (var sid in owners)
        {
            security.AddAccessRule(new FileSystemAccessRule(
                sid, FileSystemRights.FullControl, InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        }

        new DirectoryInfo(folder).Create(security);
    }

    /// <summary>Nothing to set: the file inherits its private folder's ACL (UnixCreateMode is not supported here).</summary>
    public void CreateOwnerOnly(FileStreamOptions options)
    {
    }

    public IAppendFile OpenAppend(string path) => new StreamAppendFile(path);

    /// <summary>Nothing to do: the copy or rewritten file inherits its folder's ACL, as the original did.</summary>
    public void CopyAccess(string from, string to)
    {
    }

    public string? RealPath(string path) =>
        File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;

    private static AccessProblem? Judge(string file, int rights)
    {
        var security = new FileInfo(file).GetAccessControl();
        var trusted = new List<string> { CurrentUser().Value };
        if (security.GetOwner(typeof(SecurityIdentifier)) is SecurityIdentifier owner)
            trusted.Add(owner.Value);
        var entries = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier))
            .OfType<FileSystemAccessRule>()
            .Select(rule => new AclEntry(
                rule.IdentityReference.Value,
                NameOf(rule.IdentityReference),
                rule.AccessControlType == AccessControlType.Allow,
                (int)rule.FileSystemRights,
                rule.PropagationFlags.HasFlag(PropagationFlags.InheritOnly)));
        return WindowsAclRules.Judge(file, entries, trusted, Environment.UserDomainName + "\\" + Environment.UserName, rights);
    }

    private static SecurityIdentifier CurrentUser()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return identity.User ?? throw new InvalidOperationException("the current Windows user has no SID");
    }

    private static string NameOf(IdentityReference identity)
    {
        try
        {
            return identity.Translate(typeof(NTAccount)).Value;
        }
        catch (IdentityNotMappedException)
        {
            return identity.Value;
        }
    }
}
