using System.Text;
using System.Text.Json;
using McpShim.Json;

namespace McpShim.Inspection;

/// <summary><c>mcpshim show --json</c>: the same report for machines, written directly (no reflection, AOT-safe).</summary>
internal static class ProfileReportJson
{
    public static void Write(ProfileReport report, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ReadableJson.Options with { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("profile", report.Name);
            json.WriteString("definedIn", report.DefinedIn);
            json.WriteBoolean("replacesBuiltIn", report.ReplacesBuiltIn);
            json.WriteStartArray("settings");
            foreach (var setting in report.Settings)
            {
                json.WriteStartObject();
                json.WriteString("key", setting.Key);
                json.WriteString("value", setting.Value);
                json.WriteString("from", setting.Origin);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "secretNames", report.SecretNames);
            json.WriteStartArray("commands");
            foreach (var command in report.Commands)
            {
                json.WriteStartObject();
                json.WriteString("purpose", command.Purpose);
                WriteStrings(json, "argv", command.Arguments);
                json.WriteString("shell", ShellWords.Join(command.Arguments));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "engineEnvironment", report.EngineEnvironment);
            WriteStrings(json, "serverEnvironment", report.ServerEnvironment);
            if (report.Warnings.Count > 0)
                WriteStrings(json, "warnings", report.Warnings);
            if (report.Sandbox is { } sandbox)
                WriteSandbox(json, sandbox);
            if (report.ImageProblem is { } problem)
                json.WriteString("imageProblem", problem);
            else
                json.WriteNull("imageProblem");
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n"));
    }

    private static void WriteSandbox(Utf8JsonWriter json, SandboxReport sandbox)
    {
        json.WriteStartObject("sandbox");
        json.WriteString("mechanism", sandbox.Mechanism);
        if (sandbox.Problem is { } problem)
            json.WriteString("problem", problem);
        json.WriteStartArray("rules");
        foreach (var (access, path, reason) in sandbox.Rules)
        {
            json.WriteStartObject();
            json.WriteString("access", access);
            json.WriteString("path", path);
            json.WriteString("why", reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "hidden", sandbox.Hidden);
        json.WriteString("network", sandbox.Network);
        WriteStrings(json, "systemCallsRefused", sandbox.SystemCalls);
        json.WriteString("limits", sandbox.Limits);
        WriteStrings(json, "notEnforced", sandbox.NotEnforced);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
