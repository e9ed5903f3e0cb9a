"""The fuzzer's server: it keeps every byte it receives, in order, in the file named by MCPSHIM_DIFF_SINK (the
reader emulations judge that stream afterwards), and answers each '\\n' line that json.loads reads as a request
(tools/list with the three tools, anything else with an empty result), so mcpshim's pending requests settle as
they would with a real server. It stops at EOF.
"""
import json
import os
import sys

from differential_tools import TOOLS

LIST = {"tools": TOOLS}


def answer(line):
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if not isinstance(message, dict) or not isinstance(message.get("method"), str) or "id" not in message:
        return None
    request_id = message["id"]
    if not isinstance(request_id, (int, str)) or isinstance(request_id, bool):
        return None
    if message["method"] == "tools/list":
        result = LIST
    elif message["method"] == "tools/call":
        result = {"content": [{"type": "text", "text": "ok"}]}
    else:
        result = {}
    return json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}, separators=(",", ":")).encode() + b"\n"


def main():
    stdin = sys.stdin.buffer
    out = sys.stdout.buffer
    pending = b""
    with open(os.environ["MCPSHIM_DIFF_SINK"], "wb") as sink:
        while True:
            chunk = stdin.read1(1 << 20)
            if not chunk:
                break
            sink.write(chunk)
            pending += chunk
            *lines, pending = pending.split(b"\n")
            answers = [a for a in map(answer, lines) if a]
            if answers:
                try:
                    out.write(b"".join(answers))
                    out.flush()
                except BrokenPipeError:
                    pass


if __name__ == "__main__":
    main()
