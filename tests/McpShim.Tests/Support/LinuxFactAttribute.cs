namespace McpShim.Tests.Support;

/// <summary>A fact about something only Linux has (tee and splice, /proc); skipped with the reason elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <param name="reason">Why it is Linux only, shown as the skip reason elsewhere.</param>
    public LinuxFactAttribute(string reason = "Linux pipes only (tee/splice); other systems copy, which the other relay specs cover")
    {
        if (!OperatingSystem.IsLinux())
            Skip = reason;
    }
}
