"""An MCP server that reads stdin exactly as the Python SDK's stdio transport does (mcp/server/stdio.py):
TextIOWrapper(sys.stdin.buffer, encoding="utf-8") with universal newlines, so '\\r', '\\n' and '\\r\\n' each end a
line; then one JSON document per line. json.loads stands in for pydantic's parser: the last of two equal keys wins,
NaN/Infinity and big integers are accepted. An undecodable byte raises, as it does in the SDK, and ends the reading.
"""
import io
import json
import sys

from differential_tools import handle, log

READER = "python-universal-newline"


def main():
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=None)
    try:
        for line in stdin:
            if not line.strip():
                continue
            try:
                message = json.loads(line)
            except ValueError as error:
                log(READER, f"unparseable line: {error}")
                continue
            handle(READER, message)
    except UnicodeDecodeError as error:
        log(READER, f"stdin is not UTF-8, reading stops: {error}")


if __name__ == "__main__":
    main()
