namespace McpShim.Cli;

/// <summary>
/// Shell completion scripts. Each asks mcpshim itself through System.CommandLine's <c>[suggest:POSITION]</c>
/// directive, so subcommands, options and profile names are always those of the binary and profiles file in use.
/// </summary>
internal static class CompletionScripts
{
    public static readonly string[] Shells = ["bash", "zsh", "fish"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "known shells: " + string.Join(", ", Shells)),
    };

    private const string Bash = """
        # mcpshim completion for bash. Load it from ~/.bashrc:
        #   source <(mcpshim completion bash)
        _mcpshim_complete() {
            local IFS=$'\n'
            local line="${COMP_LINE:0:COMP_POINT}"
            local suggestions
            suggestions="$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null | grep -v '^/')"
            COMPREPLY=($(compgen -W "$suggestions" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _mcpshim_complete mcpshim

        """;

    private const string Zsh = """
        #compdef mcpshim
        # mcpshim completion for zsh. Load it from ~/.zshrc (after compinit):
        #   source <(mcpshim completion zsh)
        _mcpshim() {
            local line="${BUFFER[1,CURSOR]}"
            local -a suggestions
            suggestions=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null | grep -v '^/')}")
            compadd -a suggestions
        }
        compdef _mcpshim mcpshim

        """;

    private const string Fish = """
        # mcpshim completion for fish. Save it as ~/.config/fish/completions/mcpshim.fish:
        #   mcpshim completion fish > ~/.config/fish/completions/mcpshim.fish
        function __mcpshim_complete
            set -l line (commandline -cp)
            mcpshim "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null | string match -v -r '^/'
        end
        complete -c mcpshim -f -a '(__mcpshim_complete)'

        """;
}
