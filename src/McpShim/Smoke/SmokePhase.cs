namespace McpShim.Smoke;

/// <summary>The phases of a profile's smoke test, in the order they run and are reported.</summary>
internal static class SmokePhase
{
    public const string Start = "start";
    public const string Protocol = "protocol";
    public const string Calls = "calls";
    public const string Hardening = "hardening";
    public const string Stop = "stop";

    public static readonly IReadOnlyList<string> Order = [Start, Protocol, Calls, Hardening, Stop];

    public static int IndexOf(string phase)
    {
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == phase)
                return i;
        }

        return Order.Count;
    }
}
