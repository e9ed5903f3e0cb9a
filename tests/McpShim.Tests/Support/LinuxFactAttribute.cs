namespace McpShim.Tests.Support;

/// <summary>A fact about something only Linux has (tee and splice); skipped with the reason elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "Linux pipes only (tee/splice); other systems copy, which the other relay specs cover";
    }
}
