using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using McpShim.Containers.EngineApi;
using McpShim.Tests.Support;

namespace McpShim.Tests.Containers.EngineApi;

/// <summary>
/// An Engine API on a Unix socket that answers each request with what the test says. A handler gets the request and
/// the connection; it writes the answer and returns false when it took the connection over (an exec stream).
/// </summary>
internal sealed class FakeEngine : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Func<FakeEngineRequest, Socket, bool> _handler;

    public FakeEngine(Func<FakeEngineRequest, Socket, bool> handler)
    {
        _handler = handler;
        var path = _folder.File("engine.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        Endpoint = new EngineApiEndpoint(path, null, 0);
        new Thread(Accept) { IsBackground = true }.Start();
    }

    public EngineApiEndpoint Endpoint { get; }

    public ConcurrentQueue<FakeEngineRequest> Requests { get; } = new();

    public static void Answer(Socket connection, int status, string reason, string json, bool chunked = false)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n";
        var bytes = chunked
            ? head + "Transfer-Encoding: chunked\r\n\r\n" + $"{body.Length:x}\r\n{json}\r\n0\r\n\r\n"
            : head + $"Content-Length: {body.Length}\r\n\r\n{json}";
        connection.Send(Encoding.UTF8.GetBytes(bytes));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _folder.Dispose();
    }

    private void Accept()
    {
        try
        {
            while (true)
            {
                var connection = _listener.Accept();
                new Thread(() => Serve(connection)) { IsBackground = true }.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void Serve(Socket connection)
    {
        using (connection)
        {
            var pending = new List<byte>();
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    int headEnd;
                    while ((headEnd = IndexOf(pending, "\r\n\r\n"u8)) < 0)
                    {
                        var n = connection.Receive(buffer);
                        if (n == 0)
                            return;
                        pending.AddRange(buffer.AsSpan(0, n));
                    }

                    var head = Encoding.ASCII.GetString(pending.GetRange(0, headEnd).ToArray());
                    pending.RemoveRange(0, headEnd + 4);
                    var lines = head.Split("\r\n");
                    var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    while (pending.Count < length)
                    {
                        var n = connection.Receive(buffer);
                        if (n == 0)
                            return;
                        pending.AddRange(buffer.AsSpan(0, n));
                    }

                    var request = new FakeEngineRequest(lines[0], lines.Skip(1).ToList(), Encoding.UTF8.GetString(pending.GetRange(0, length).ToArray()));
                    pending.RemoveRange(0, length);
                    Requests.Enqueue(request);
                    if (!_handler(request, connection))
                        return;
                }
            }
            catch (SocketException)
            {
                // The client went away.
            }
        }
    }

    private static int IndexOf(List<byte> data, ReadOnlySpan<byte> value) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data).IndexOf(value);
}
