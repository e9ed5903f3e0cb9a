using System.Xml.Linq;
using McpShim.Smoke;

namespace McpShim.Tests.Smoke;

public sealed class JUnitReportWriterSpecs
{
    [Fact]
    public void I_get_one_testsuite_per_profile_and_one_testcase_per_check_with_the_right_counts()
    {
        var xml = Write(SampleReports.TwoProfiles());

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("8", "1", "1", "2.346"), ((string)root.Attribute("tests")!, (string)root.Attribute("failures")!, (string)root.Attribute("skipped")!, (string)root.Attribute("time")!));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["everything", "garbage"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal(["5", "3"], suites.Select(s => (string)s.Attribute("tests")!));
        Assert.Equal(["0", "1"], suites.Select(s => (string)s.Attribute("failures")!));
        Assert.Equal(["0", "1"], suites.Select(s => (string)s.Attribute("skipped")!));
        Assert.All(suites, s => Assert.Equal(s.Elements("testcase").Count(), (int)s.Attribute("tests")!));
    }

    [Fact]
    public void A_failed_check_carries_its_full_message_and_the_image_digest_and_era_are_suite_properties()
    {
        var xml = Write(SampleReports.TwoProfiles());

        var garbage = xml.Root!.Elements("testsuite").Single(s => (string)s.Attribute("name")! == "garbage");
        var failed = garbage.Elements("testcase").Single(c => c.Element("failure") is not null);
        Assert.Equal("garbage.protocol", (string)failed.Attribute("classname")!);
        Assert.Equal("stdout carries only JSON-RPC", (string)failed.Attribute("name")!);
        var failure = failed.Element("failure")!;
        Assert.Equal("protocol", (string)failure.Attribute("type")!);
        // Escaped markup survives; a control character (invalid in XML 1.0) is replaced, never written raw.
        Assert.Equal("stdout line 1, before any response, is not JSON: \"Starting <server> & friends?\"", (string)failure.Attribute("message")!);
        Assert.Contains("garbage / protocol / stdout carries only JSON-RPC", failure.Value, StringComparison.Ordinal);
        Assert.Single(garbage.Elements("testcase"), c => c.Element("skipped") is not null);

        var everything = xml.Root.Elements("testsuite").First();
        var image = everything.Element("properties")!.Elements("property").Single(p => (string)p.Attribute("name")! == "image");
        Assert.StartsWith("mcpshim/everything:latest@sha256:abb102ef93bf", (string)image.Attribute("value")!, StringComparison.Ordinal);
        var era = everything.Element("properties")!.Elements("property").Single(p => (string)p.Attribute("name")! == "era");
        Assert.Equal("2025-11-25", (string)era.Attribute("value")!);
        Assert.Equal("0.910", (string)everything.Elements("testcase").Single(c => (string)c.Attribute("name")! == "initialize").Attribute("time")!);
    }

    private static XDocument Write(SmokeReport report)
    {
        using var stream = new MemoryStream();
        JUnitReportWriter.Write(report, stream);
        stream.Position = 0;
        return XDocument.Load(stream);
    }
}
