using McpShim.Profiles;

namespace McpShim.Policy;

/// <summary>Turns a profile's <c>policy</c> into a <see cref="ToolPolicy"/>, with errors that name the JSON path.</summary>
internal static class ToolPolicyResolver
{
    public static ToolPolicy? Resolve(PolicySpec? spec, ProfileEntry entry, Func<string, string, ConfigException> error)
    {
        if (spec is null)
            return null;
        if (spec.ConfirmTimeoutSeconds is <= 0 or > 3600)
            throw error(".policy.confirmTimeoutSeconds", "must be between 1 and 3600 seconds.");
        if (spec.ConfirmValidSeconds is <= 0 or > 86400)
            throw error(".policy.confirmValidSeconds", "must be between 1 and 86400 seconds (a day).");

        return new ToolPolicy
        {
            Allow = Globs(spec.Tools?.Allow, ".policy.tools.allow", error),
            Deny = Globs(spec.Tools?.Deny, ".policy.tools.deny", error),
            ReadOnly = spec.ReadOnly ?? false,
            ValidateArguments = spec.ValidateArguments ?? false,
            Confirm = Globs(spec.Confirm, ".policy.confirm", error),
            ConfirmTimeout = spec.ConfirmTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : ToolPolicy.DefaultConfirmTimeout,
            ApprovalValidity = spec.ConfirmValidSeconds is { } valid ? TimeSpan.FromSeconds(valid) : ToolPolicy.DefaultApprovalValidity,
            PinTools = spec.PinTools ?? false,
            PinsFile = ToolPins.PathFor(entry),
            Source = entry.Source,
        };
    }

    private static ToolNameGlob[] Globs(string[]? patterns, string path, Func<string, string, ConfigException> error)
    {
        if (patterns is null)
            return [];
        for (var i = 0; i < patterns.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(patterns[i]))
                throw error($"{path}[{i}]", "is empty; give a tool name or a pattern such as \"read_*\" ('*' matches any run of characters, '?' one).");
        }

        return patterns.Select(p => new ToolNameGlob(p)).ToArray();
    }
}
