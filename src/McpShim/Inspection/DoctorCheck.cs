namespace McpShim.Inspection;

/// <summary>One line of <c>mcpshim doctor</c>: what was checked, what was found, and for a problem how to fix it.</summary>
internal sealed record DoctorCheck(string Name, CheckOutcome Outcome, string Detail, string? Fix = null);
