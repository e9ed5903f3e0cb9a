using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

/// <summary>Fixed reports for the writer specs: one profile that passes, one that fails, with skips.</summary>
internal static class SampleReports
{
    public static SmokeReport TwoProfiles()
    {
        var report = new SmokeReport { Version = "0.1.0", StartedAt = "2026-11-22T06:00:00.000Z", Host = "ci-runner", DurationMs = 2345.6 };

        var everything = new ProfileReport("everything", "run")
        {
            Image = "mcpshim/everything:latest@sha256:abb102ef93bfc4b1b06dc249223eab7f3ed7f0684e2f8a3fcb775927ae5b8377",
            Era = "2025-11-25",
            ProtocolVersion = "2025-11-25",
            ServerName = "mcp-servers/everything",
            ServerVersion = "2.0.0",
            Tools = 13,
            DurationMs = 1482.1,
        };
        everything.Add(SmokePhase.Start, "server started", CheckStatus.Pass, 72.4, "mcpshim/everything:latest@sha256:abb102ef93bf as mcpshim-everything-0123456789ab");
        everything.Add(SmokePhase.Protocol, "initialize", CheckStatus.Pass, 910.2, "protocol 2025-11-25, server mcp-servers/everything 2.0.0");
        everything.Add(SmokePhase.Calls, "tools/call echo", CheckStatus.Pass, 4, "text contains \"hi\"");
        everything.Add(SmokePhase.Hardening, "user is not root", CheckStatus.Pass, 21, "65532:65532");
        // Decided last, reported with its phase.
        everything.Add(SmokePhase.Protocol, "stdout carries only JSON-RPC", CheckStatus.Pass, null, "1 notification, 0 requests from the server");
        report.Profiles.Add(everything);

        var garbage = new ProfileReport("garbage", "run") { Image = "mcpshim-test/garbage-stdout:latest@sha256:fb8587825e7e", DurationMs = 863.3 };
        garbage.Add(SmokePhase.Protocol, "initialize", CheckStatus.Pass, 700.5, "protocol 2025-11-25, server mcp-servers/everything 2.0.0");
        garbage.Add(SmokePhase.Protocol, "prompts/list", CheckStatus.Skip, null, "the server does not advertise prompts");
        garbage.Add(SmokePhase.Protocol, "stdout carries only JSON-RPC", CheckStatus.Fail, null,
            "stdout line 1, before any response, is not JSON: \"Starting <server> & friends\u0007\"");
        report.Profiles.Add(garbage);
        return report;
    }
}
