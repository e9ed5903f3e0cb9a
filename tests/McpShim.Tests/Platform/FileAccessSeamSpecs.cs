using McpShim.Audit;
using McpShim.Tests.Support;

namespace McpShim.Tests.Platform;

/// <summary>The audit log makes its folder and file only through the platform's file access, as Windows would.</summary>
public sealed class FileAccessSeamSpecs
{
    [Fact]
    public void The_audit_log_asks_the_platform_for_a_private_folder_and_appends_through_it()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "Local", "mcpshim", "audit.jsonl");
        var files = new RecordingFileAccess();

        using (var log = new AuditLog(path, new ListLogger(), files))
        {
            log.Append("{\"n\":1}\n"u8);
            log.Append("{\"n\":2}\n"u8);
        }

        using (var again = new AuditLog(path, new ListLogger(), files))
            again.Append("{\"n\":3}\n"u8);

        Assert.Equal([Path.GetDirectoryName(path)!], files.PrivateFolders);
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", File.ReadAllText(path));
    }
}
