using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace McpShim.Platform;

/// <summary>
/// How mcpshim runs a short-lived command with CliWrap (issue 17): engine CLI calls, secret <c>from</c> commands,
/// doctor's probes; <c>docker pull</c>, <c>build</c> and <c>logs</c> stream theirs from <see cref="Create"/>. Such a
/// command gets no stdin (closed at once). Through <see cref="RunAsync"/> its output is buffered, and on a timeout or
/// a cancel it is killed with its children at once: CliWrap's graceful stop is SIGINT, which a hung engine CLI or a
/// secret helper waiting on a locked vault may ignore, and nothing is lost by not letting it clean up.
/// </summary>
internal static class ShortCommand
{
    /// <summary><paramref name="fileName"/> with <paramref name="arguments"/>, each passed as one argv word.</summary>
    /// <param name="environment">
    /// When set, the child's whole environment: every variable of mcpshim's own that it does not name is removed, as
    /// <c>ProcessStartInfo.Environment.Clear()</c> did. Null: the child inherits mcpshim's environment.
    /// </param>
    public static Command Create(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = global::CliWrap.Cli.Wrap(fileName).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        return environment is null ? command : command.WithEnvironmentVariables(Exactly(environment));
    }

    /// <summary>
    /// Runs <paramref name="command"/> to its end, buffering stdout and stderr. Null when it ran past
    /// <paramref name="timeout"/> (it is killed by then); an <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> stopped it; a <see cref="Win32Exception"/> (the OS's reason as its
    /// message) when it could not start.
    /// </summary>
    public static async Task<BufferedCommandResult?> RunAsync(Command command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var forceful = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        forceful.CancelAfter(timeout);
        try
        {
            return await command.ExecuteBufferedAsync(forceful.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Win32Exception ex) when (ex.InnerException is Win32Exception reason)
        {
            throw new Win32Exception(reason.NativeErrorCode, Reason(ex));
        }
    }

    /// <summary>
    /// Why a command could not start, as the OS said it ("No such file or directory"): CliWrap wraps that in its own
    /// long message, and mcpshim's name the command and the fix.
    /// </summary>
    public static string Reason(Win32Exception ex) => (ex.InnerException ?? ex).Message;

    /// <summary>CliWrap adds to the inherited environment; a null value removes a variable, so the rest are named null.</summary>
    private static Dictionary<string, string?> Exactly(IReadOnlyDictionary<string, string> environment)
    {
        // Windows spells a name in any case; nulls go in first, so a named variable is set after its old spelling went.
        var exact = new Dictionary<string, string?>(ShimPlatform.Current.Syntax.EnvironmentNames);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            exact[name] = null;
        foreach (var (name, value) in environment)
            exact[name] = value;
        return exact;
    }
}
