using System.Text;
using McpShim.Relay;

namespace McpShim.Tests.Relay;

public sealed class KnownMethodsSpecs
{
    [Fact]
    public void Every_known_method_is_found_as_its_shared_instance()
    {
        foreach (var method in KnownMethods.All)
            Assert.Same(method, KnownMethods.Find(Encoding.UTF8.GetBytes(method)));
        Assert.Null(KnownMethods.Find("pings"u8));
        Assert.Null(KnownMethods.Find("ping "u8));
        Assert.Null(KnownMethods.Find(""u8));
    }

    [Fact]
    public void No_known_method_needs_escaping_so_a_match_is_always_a_plain_string_token()
    {
        // PlainEnvelope relies on it: a method name that matches needs no check for quotes or backslashes.
        Assert.All(KnownMethods.All, m => Assert.DoesNotContain(m, c => c is '"' or '\\' || char.IsControl(c)));
    }
}
