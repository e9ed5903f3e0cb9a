using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace McpShim.Containers.EngineApi;

/// <summary>
/// One HTTP/1.1 connection to the Engine API over a Unix socket or plain TCP. Every call is a blocking socket call:
/// a socket that never saw an async operation stays in blocking mode, so the exec stream it may become is read
/// without an epoll round trip per read.
/// </summary>
internal sealed class EngineApiConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly string _hostHeader;
    private readonly HttpResponseReader _reader;

    private EngineApiConnection(Socket socket, string hostHeader, TimeSpan timeout)
    {
        _socket = socket;
        _hostHeader = hostHeader;
        SetTimeout(timeout);
        Stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new HttpResponseReader(Stream);
    }

    public Socket Socket => _socket;

    /// <summary>The connection as a stream (blocking reads and writes); after an upgrade, the exec's stdio.</summary>
    public NetworkStream Stream { get; }

    /// <summary>Connects; throws <see cref="SocketException"/> when the socket is missing, refused or not ours to use.</summary>
    public static EngineApiConnection Open(EngineApiEndpoint endpoint, TimeSpan timeout)
    {
        if (endpoint.SocketPath is { } path)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(path));
                return new EngineApiConnection(socket, "docker", timeout);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A blocking connect, bounded: an unreachable host must not hold the session's start for minutes.
            var connect = Task.Run(() => tcp.Connect(endpoint.Host!, endpoint.Port));
            if (!connect.Wait(timeout))
                throw new SocketException((int)SocketError.TimedOut);
            connect.GetAwaiter().GetResult();
            return new EngineApiConnection(tcp, $"{endpoint.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}", timeout);
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException inner)
        {
            tcp.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and reads the whole response.</summary>
    public (HttpResponseHead Head, byte[] Body) Send(string method, string path, byte[]? body)
    {
        WriteRequest(method, path, body, upgrade: false);
        var head = _reader.ReadHead();
        return (head, _reader.ReadBody(head));
    }

    /// <summary>Sends a request and reads only the response's head (the body may come much later: a wait's).</summary>
    public HttpResponseHead SendHead(string method, string path, byte[]? body)
    {
        WriteRequest(method, path, body, upgrade: false);
        return _reader.ReadHead();
    }

    /// <summary>Reads the body of the response whose head <see cref="SendHead"/> returned.</summary>
    public byte[] ReadBody(HttpResponseHead head) => _reader.ReadBody(head);

    /// <summary>
    /// Sends a request asking to take the connection over (<c>Upgrade: tcp</c>). The engine answers 101 (older
    /// engines 200) and from then on the connection is a raw stream; any other status comes back with its body.
    /// </summary>
    public (HttpResponseHead Head, byte[] Body) Upgrade(string path, byte[] body)
    {
        WriteRequest("POST", path, body, upgrade: true);
        var head = _reader.ReadHead();
        return head.Status is 101 or 200 ? (head, []) : (head, _reader.ReadBody(head));
    }

    /// <summary>Bytes already read past the last response: the first bytes of the raw stream after an upgrade.</summary>
    public byte[] TakeBuffered() => _reader.TakeBuffered();

    /// <summary>Bounds each blocking send and receive; <see cref="TimeSpan.Zero"/> for none (a long-lived exec stream).</summary>
    public void SetTimeout(TimeSpan timeout)
    {
        var milliseconds = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
        _socket.ReceiveTimeout = milliseconds;
        _socket.SendTimeout = milliseconds;
    }

    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }

    private void WriteRequest(string method, string path, byte[]? body, bool upgrade)
    {
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(_hostHeader).Append("\r\n")
            .Append("User-Agent: mcpshim\r\n");
        if (upgrade)
            head.Append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
        if (body is not null)
        {
            head.Append("Content-Type: application/json\r\n")
                .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        if (body is not null)
            bytes = [.. bytes, .. body];
        Stream.Write(bytes); // one send: head and body in one packet
    }
}
