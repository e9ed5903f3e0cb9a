using System.Text;
using McpShim.Logging;

namespace McpShim.Tests.Logging;

/// <summary>Issue 13, "control characters": text from a peer is printed on one line, as it is, or it shows its escapes.</summary>
public sealed class SafeTextSpecs
{
    [Theory]
    [InlineData("x\nmcpshim: info: forged", @"x\nmcpshim: info: forged")]
    [InlineData("x\rmcpshim: info: forged", @"x\rmcpshim: info: forged")]
    [InlineData("red \u001b[31mtext\u001b[0m", @"red \x1b[31mtext\x1b[0m")]
    [InlineData("bell\u0007 nul\0 del\u007f", @"bell\x07 nul\x00 del\x7f")]
    [InlineData("csi\u009b2K", @"csi\u009b2K")]
    [InlineData("txt.exe\u202egnp.", @"txt.exe\u202egnp.")]
    [InlineData("a\u2066b\u2069c\u200fd\u061ce", @"a\u2066b\u2069c\u200fd\u061ce")]
    [InlineData("line\u2028sep", @"line\u2028sep")]
    public void Control_and_bidi_characters_are_shown_as_escapes(string text, string shown)
    {
        Assert.Equal(shown, SafeText.Escape(text));
        Assert.Equal(shown, Encoding.UTF8.GetString(SafeText.Escape(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("plain ascii, a tab\tand a C:\\path")]
    [InlineData("pässwörd € 😀 日本語 עברית")]
    public void Ordinary_text_is_left_as_it_is(string text)
    {
        Assert.Same(text, SafeText.Escape(text));
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(bytes, SafeText.Escape(bytes).ToArray());
    }
}
