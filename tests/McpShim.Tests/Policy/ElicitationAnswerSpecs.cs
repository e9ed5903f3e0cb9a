using System.Text;
using McpShim.Policy;

namespace McpShim.Tests.Policy;

/// <summary>Only a plain accept of mcpshim's own question approves a call (issue 13); anything odd is a refusal.</summary>
public sealed class ElicitationAnswerSpecs
{
    private const string Id = "mcpshim-abcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept"}}""", "accept")]
    [InlineData("""{"id":"ID","jsonrpc":"2.0","result":{"action":"accept","content":{},"_meta":{"x":1}}}""", "accept")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept","content":null}}""", "accept")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"decline"}}""", "decline")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"cancel"}}""", "cancel")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","error":{"code":-1,"message":"no"}}""", "error")]
    public void A_well_formed_answer_is_read_as_it_says(string frame, string action) =>
        Assert.Equal(action, Read(frame));

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept","content":{"confirm":true}}}""")] // a filled form: someone else's question
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"decline","action":"accept"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept"},"result":{"action":"accept"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","id":"ID","result":{"action":"accept"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept"},"error":{"code":1,"message":"x"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"\u006dcpshim-abcdefghijklmnopqrstuvwxyz","result":{"action":"accept"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"ACCEPT"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept","extra":1}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept"},"extra":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":["accept"]}}""")]
    [InlineData("""{"jsonrpc":"1.0","id":"ID","result":{"action":"accept"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"ID","result":{"action":"accept"}} {"x":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"mcpshim-other","result":{"action":"accept"}}""")]
    public void An_odd_answer_is_a_refusal(string frame) =>
        Assert.Equal(ElicitationAnswer.Invalid, Read(frame));

    private static string Read(string frame) => ElicitationAnswer.Read(Encoding.UTF8.GetBytes(frame.Replace("\"ID\"", "\"" + Id + "\"", StringComparison.Ordinal)), Id);
}
