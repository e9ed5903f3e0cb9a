using System.Text;
using McpShim.Containers.EngineApi;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers.EngineApi;

public sealed class HttpResponseReaderSpecs
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void An_upgrade_answer_leaves_the_bytes_after_its_head_for_the_exec_stream(int chunkSize)
    {
        var data = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n" +
                   "\u0001\0\0\0\0\0\0\u0002{}";
        var source = new ChunkedStream(Encoding.Latin1.GetBytes(data), chunkSize);
        var reader = new HttpResponseReader(source);

        var head = reader.ReadHead();
        var buffered = reader.TakeBuffered();
        var unread = new MemoryStream();
        source.CopyTo(unread);

        Assert.Equal(101, head.Status);
        Assert.Equal("UPGRADED", head.Reason);
        Assert.Equal("tcp", head.Header("upgrade"));
        Assert.Equal(Encoding.Latin1.GetBytes("\u0001\0\0\0\0\0\0\u0002{}"), buffered.Concat(unread.ToArray()).ToArray());
        Assert.Empty(reader.TakeBuffered());
    }

    [Fact]
    public void An_older_engine_answering_200_to_an_upgrade_is_read_the_same_way()
    {
        var reader = new HttpResponseReader(new MemoryStream(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nXYZ")));

        var head = reader.ReadHead();

        Assert.Equal(200, head.Status);
        Assert.Equal("XYZ"u8.ToArray(), reader.TakeBuffered());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void A_body_by_content_length_is_read_exactly_and_what_follows_stays(int chunkSize)
    {
        var reader = new HttpResponseReader(new ChunkedStream(Encoding.ASCII.GetBytes(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"Id\":\"abc\"}\nHTTP/1.1 101 UPGRADED\r\n\r\n"), chunkSize));

        var head = reader.ReadHead();
        var body = reader.ReadBody(head);
        var next = reader.ReadHead();

        Assert.Equal(201, head.Status);
        Assert.Equal("{\"Id\":\"abc\"}\n", Encoding.ASCII.GetString(body));
        Assert.Equal(101, next.Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(4096)]
    public void A_chunked_body_is_put_together(int chunkSize)
    {
        var reader = new HttpResponseReader(new ChunkedStream(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "9\r\n{\"Running\r\n" + "1b;ext=1\r\n\":false,\"ExitCode\":3,\"Pid\":\r\n" + "3\r\n42}\r\n" + "0\r\n\r\n"), chunkSize));

        var head = reader.ReadHead();

        Assert.True(head.IsChunked);
        Assert.Equal("{\"Running\":false,\"ExitCode\":3,\"Pid\":42}", Encoding.ASCII.GetString(reader.ReadBody(head)));
    }

    [Fact]
    public void A_body_with_neither_length_nor_chunks_runs_to_the_end_of_the_connection()
    {
        var reader = new HttpResponseReader(new MemoryStream(Encoding.ASCII.GetBytes(
            "HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"message\":\"No such container: gone\"}")));

        var head = reader.ReadHead();

        Assert.Equal(404, head.Status);
        Assert.Equal("{\"message\":\"No such container: gone\"}", Encoding.ASCII.GetString(reader.ReadBody(head)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Len")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    public void A_connection_that_closes_early_or_is_not_HTTP_is_an_IO_error(string data)
    {
        var reader = new HttpResponseReader(new MemoryStream(Encoding.ASCII.GetBytes(data)));

        Assert.Throws<IOException>(() => reader.ReadHead());
    }

    [Fact]
    public void A_body_cut_short_is_an_IO_error()
    {
        var reader = new HttpResponseReader(new MemoryStream(Encoding.ASCII.GetBytes("HTTP/1.1 201 Created\r\nContent-Length: 50\r\n\r\n{\"Id\":")));

        var head = reader.ReadHead();

        Assert.ThrowsAny<IOException>(() => reader.ReadBody(head));
    }
}
