using System.Globalization;
using System.Text;
using System.Xml;

namespace McpShim.Smoke;

/// <summary>
/// JUnit XML as CI systems render it (GitHub, GitLab, Jenkins, Azure): one <c>testsuite</c> per profile, one
/// <c>testcase</c> per check (<c>classname</c> PROFILE.PHASE), a <c>failure</c> with the full message for a failed check
/// and <c>skipped</c> for one that did not apply. The image that ran, with its digest, and the MCP era the server was
/// checked in (<c>era</c>: <c>2026-07-28</c> or <c>2025-11-25</c>) are suite properties.
/// </summary>
internal static class JUnitReportWriter
{
    public static void Write(SmokeReport report, Stream destination)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(destination, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "mcpshim test");
        WriteCounts(xml, report.Passed + report.Failures + report.Skipped, report.Failures, report.Skipped, report.DurationMs);
        foreach (var profile in report.Profiles)
        {
            var checks = profile.Checks;
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", profile.Profile);
            WriteCounts(xml, checks.Count, profile.Failures, profile.Skipped, profile.DurationMs);
            xml.WriteAttributeString("timestamp", report.StartedAt);
            xml.WriteAttributeString("hostname", report.Host);

            xml.WriteStartElement("properties");
            Property(xml, "mode", profile.Mode);
            Property(xml, "image", profile.Image);
            Property(xml, "command", profile.Command);
            Property(xml, "era", profile.Era);
            Property(xml, "protocolVersion", profile.ProtocolVersion);
            Property(xml, "serverName", profile.ServerName);
            Property(xml, "serverVersion", profile.ServerVersion);
            xml.WriteEndElement();

            foreach (var check in checks)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", $"{profile.Profile}.{check.Phase}");
                xml.WriteAttributeString("name", check.Name);
                xml.WriteAttributeString("time", Seconds(check.DurationMs ?? 0));
                if (check.Status == CheckStatus.Fail)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Clean(check.Detail ?? "failed"));
                    xml.WriteAttributeString("type", check.Phase);
                    xml.WriteString(Clean($"{profile.Profile} / {check.Phase} / {check.Name}: {check.Detail}"));
                    xml.WriteEndElement();
                }
                else if (check.Status == CheckStatus.Skip)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", Clean(check.Detail ?? "skipped"));
                    xml.WriteEndElement();
                }
                else if (check.Detail is { Length: > 0 } detail)
                {
                    xml.WriteElementString("system-out", Clean(detail));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCounts(XmlWriter xml, int tests, int failures, int skipped, double durationMs)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(durationMs));
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        if (value is null)
            return;
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 cannot carry most control characters, even escaped; a server's stderr may hold some.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r'))
            return text;
        return new string([.. text.Select(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r' ? '?' : c)]);
    }
}
