using McpShim.Platform;

namespace McpShim.Tests.Platform;

/// <summary>The Windows owner-only decision, over ACLs described as plain data (only Linux runs here).</summary>
public sealed class WindowsAclRulesSpecs
{
    private const string File = @"C:\Users\ada\AppData\Roaming\mcpshim\secrets.env";
    private const string Ada = "S-1-5-21-1-2-3-1001";
    private const string Bob = "S-1-5-21-1-2-3-1002";
    private const string Users = "S-1-5-32-545";
    private const string Everyone = "S-1-1-0";

    // FileSystemRights values.
    private const int FullControl = 0x1F01FF;
    private const int ReadAndExecute = 0x200A9;
    private const int Write = 0x116;
    private const int ReadAttributes = 0x80;
    private const int GenericWrite = 0x40000000;

    private static readonly AclEntry AdaFull = new(Ada, @"PC\ada", Allow: true, FullControl, InheritOnly: false);
    private static readonly AclEntry SystemFull = new(WindowsAclRules.LocalSystem, @"NT AUTHORITY\SYSTEM", Allow: true, FullControl, InheritOnly: false);
    private static readonly AclEntry AdminsFull = new(WindowsAclRules.Administrators, @"BUILTIN\Administrators", Allow: true, FullControl, InheritOnly: false);

    [Fact]
    public void A_file_only_you_SYSTEM_and_Administrators_can_open_is_private()
    {
        AclEntry[] acl = [AdaFull, SystemFull, AdminsFull];

        Assert.Null(Readable(acl));
        Assert.Null(Writable(acl));
    }

    [Fact]
    public void A_file_the_Users_group_can_read_is_refused_for_secrets_but_fine_for_profiles()
    {
        AclEntry[] acl = [AdaFull, SystemFull, new(Users, @"BUILTIN\Users", Allow: true, ReadAndExecute, InheritOnly: false)];

        var problem = Readable(acl);

        Assert.NotNull(problem);
        Assert.Equal(@"its ACL allows BUILTIN\Users", problem.Detail);
        Assert.Equal($"icacls \"{File}\" /inheritance:r /grant:r \"PC\\ada:F\" /remove:g \"BUILTIN\\Users\"", problem.Fix);
        Assert.Null(Writable(acl));
    }

    [Fact]
    public void A_file_anyone_else_can_write_is_refused_and_every_such_account_is_named_once()
    {
        AclEntry[] acl =
        [
            AdaFull,
            new(Everyone, "Everyone", Allow: true, GenericWrite, InheritOnly: false),
            new(Bob, @"PC\bob", Allow: true, Write, InheritOnly: false),
            new(Bob, @"PC\bob", Allow: true, FullControl, InheritOnly: false),
        ];

        Assert.Equal(@"its ACL allows Everyone, PC\bob", Writable(acl)?.Detail);
    }

    [Fact]
    public void Inherit_only_deny_and_attribute_only_rules_do_not_make_a_file_public()
    {
        AclEntry[] acl =
        [
            AdaFull,
            new("S-1-3-0", "CREATOR OWNER", Allow: true, FullControl, InheritOnly: true),
            new(Users, @"BUILTIN\Users", Allow: false, FullControl, InheritOnly: false),
            new(Everyone, "Everyone", Allow: true, ReadAttributes, InheritOnly: false),
        ];

        Assert.Null(Readable(acl));
    }

    [Fact]
    public void The_files_owner_counts_as_you_even_when_it_is_another_of_your_SIDs()
    {
        AclEntry[] acl = [new(Bob, @"PC\bob", Allow: true, FullControl, InheritOnly: false)];

        Assert.Null(WindowsAclRules.Judge(File, acl, [Ada, Bob], @"PC\ada", WindowsAclRules.ReadOrWriteRights));
        Assert.NotNull(WindowsAclRules.Judge(File, acl, [Ada], @"PC\ada", WindowsAclRules.ReadOrWriteRights));
    }

    private static AccessProblem? Readable(AclEntry[] acl) => WindowsAclRules.Judge(File, acl, [Ada], @"PC\ada", WindowsAclRules.ReadOrWriteRights);

    private static AccessProblem? Writable(AclEntry[] acl) => WindowsAclRules.Judge(File, acl, [Ada], @"PC\ada", WindowsAclRules.WriteRights);
}
