"""An MCP server that reads stdin the way a Go server built on encoding/json's Decoder does (the official Go SDK
decodes successive json.RawMessage values, then unmarshals each into a struct). No Go toolchain is needed: this
follows Go's documented behaviour.

- Values follow each other with or without newlines; ' ', '\\t', '\\r', '\\n' between them are skipped, so two
  objects on one line are two messages. A syntax error is sticky: the decoder reads nothing after it.
- Invalid UTF-8 inside a string becomes U+FFFD (one per bad byte); outside a string it is a syntax error.
  Nesting deeper than 10000 is an error. NaN is not JSON.
- Object keys match struct fields case-insensitively, folded as Go folds them (unicode.ToUpper(unicode.ToLower(r)):
  U+212A KELVIN SIGN matches 'k', U+017F LONG S matches 's', U+0130 and U+0131 match 'i'); the last matching key
  wins. null leaves a string field as it was.
- A number id is a float64, and the SDK keeps int64(id).
"""
import sys

from differential_tools import handle, log

READER = "go-decoder"
WHITESPACE = b" \t\r\n"
MAX_DEPTH = 10000


class Incomplete(Exception):
    pass


class GoObject(list):
    """An object's (key, value) members in order, duplicates kept."""


class GoSyntaxError(Exception):
    pass


def go_fold(name):
    out = []
    for ch in name:
        if ch < "\x80":
            out.append(ch.upper())
            continue
        lower = {"\u0130": "i"}.get(ch) or (ch.lower() if len(ch.lower()) == 1 else ch)
        upper = lower.upper() if len(lower.upper()) == 1 else lower
        out.append(upper)
    return "".join(out)


class Parser:
    def __init__(self, data, final):
        self.data = data
        self.final = final

    def byte(self, i):
        if i >= len(self.data):
            raise Incomplete()
        return self.data[i]

    def skip_ws(self, i):
        while i < len(self.data) and self.data[i] in WHITESPACE:
            i += 1
        return i

    def value(self, i, depth):
        i = self.skip_ws(i)
        c = self.byte(i)
        if c == ord("{"):
            return self.obj(i + 1, depth + 1)
        if c == ord("["):
            return self.arr(i + 1, depth + 1)
        if c == ord('"'):
            return self.string(i + 1)
        if c in b"-0123456789":
            return self.number(i)
        for word, val in ((b"true", True), (b"false", False), (b"null", None)):
            if c == word[0]:
                for k in range(len(word)):
                    if self.byte(i + k) != word[k]:
                        raise GoSyntaxError(f"invalid character in literal at {i + k}")
                return val, i + len(word)
        raise GoSyntaxError(f"invalid character {chr(c)!r} looking for beginning of value")

    def obj(self, i, depth):
        if depth > MAX_DEPTH:
            raise GoSyntaxError("exceeded max depth")
        members = GoObject()
        i = self.skip_ws(i)
        if self.byte(i) == ord("}"):
            return members, i + 1
        while True:
            i = self.skip_ws(i)
            if self.byte(i) != ord('"'):
                raise GoSyntaxError("invalid character looking for beginning of object key string")
            key, i = self.string(i + 1)
            i = self.skip_ws(i)
            if self.byte(i) != ord(":"):
                raise GoSyntaxError("invalid character after object key")
            val, i = self.value(i + 1, depth)
            members.append((key, val))
            i = self.skip_ws(i)
            c = self.byte(i)
            if c == ord(","):
                i += 1
                continue
            if c == ord("}"):
                return members, i + 1
            raise GoSyntaxError("invalid character after object key:value pair")

    def arr(self, i, depth):
        if depth > MAX_DEPTH:
            raise GoSyntaxError("exceeded max depth")
        items = []
        i = self.skip_ws(i)
        if self.byte(i) == ord("]"):
            return items, i + 1
        while True:
            val, i = self.value(i, depth)
            items.append(val)
            i = self.skip_ws(i)
            c = self.byte(i)
            if c == ord(","):
                i += 1
                continue
            if c == ord("]"):
                return items, i + 1
            raise GoSyntaxError("invalid character after array element")

    def string(self, i):
        out = []
        while True:
            c = self.byte(i)
            if c == ord('"'):
                return "".join(out), i + 1
            if c < 0x20:
                raise GoSyntaxError("invalid character in string literal")
            if c == ord("\\"):
                e = self.byte(i + 1)
                simple = {ord('"'): '"', ord("\\"): "\\", ord("/"): "/", ord("b"): "\b", ord("f"): "\f",
                          ord("n"): "\n", ord("r"): "\r", ord("t"): "\t"}
                if e in simple:
                    out.append(simple[e])
                    i += 2
                    continue
                if e != ord("u"):
                    raise GoSyntaxError("invalid character in string escape code")
                unit, i = self.hex4(i + 2)
                if 0xD800 <= unit < 0xDC00:
                    if self.byte(i) == ord("\\") and self.byte(i + 1) == ord("u"):
                        low, j = self.hex4(i + 2)
                        if 0xDC00 <= low < 0xE000:
                            out.append(chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)))
                            i = j
                            continue
                    out.append("\ufffd")
                    continue
                out.append("\ufffd" if 0xDC00 <= unit < 0xE000 else chr(unit))
                continue
            if c < 0x80:
                out.append(chr(c))
                i += 1
                continue
            ch, width = self.rune(i)
            out.append(ch)
            i += width

    def rune(self, i):
        """utf8.DecodeRune: a valid sequence, else U+FFFD for one byte."""
        c = self.data[i]
        width = 2 if 0xC2 <= c <= 0xDF else 3 if 0xE0 <= c <= 0xEF else 4 if 0xF0 <= c <= 0xF4 else 0
        if width == 0:
            return "\ufffd", 1
        for k in range(1, width):
            self.byte(i + k)
        try:
            return self.data[i:i + width].decode("utf-8"), width
        except UnicodeDecodeError:
            return "\ufffd", 1

    def hex4(self, i):
        digits = bytes(self.byte(i + k) for k in range(4))
        try:
            return int(digits.decode("ascii"), 16), i + 4
        except ValueError:
            raise GoSyntaxError("invalid character in \\u hexadecimal character escape") from None

    def number(self, i):
        start = i
        if self.byte(i) == ord("-"):
            i += 1
        c = self.byte(i)
        if c == ord("0"):
            i += 1
        elif ord("1") <= c <= ord("9"):
            while self.peek_digit(i):
                i += 1
        else:
            raise GoSyntaxError("invalid character in numeric literal")
        if self.peek(i) == ord("."):
            i += 1
            if not self.peek_digit(i):
                self.byte(i)
                raise GoSyntaxError("invalid character after decimal point in numeric literal")
            while self.peek_digit(i):
                i += 1
        if self.peek(i) in (ord("e"), ord("E")):
            i += 1
            if self.peek(i) in (ord("+"), ord("-")):
                i += 1
            if not self.peek_digit(i):
                self.byte(i)
                raise GoSyntaxError("invalid character in exponent of numeric literal")
            while self.peek_digit(i):
                i += 1
        return ("number", self.data[start:i].decode("ascii")), i

    def peek(self, i):
        if i < len(self.data):
            return self.data[i]
        if self.final:
            return -1
        raise Incomplete()

    def peek_digit(self, i):
        c = self.peek(i)
        return ord("0") <= c <= ord("9")


def field(members, name, kind):
    """Unmarshals the last key that folds to NAME into a field of KIND ('string', 'any', 'raw'), as Go does."""
    value, present, wrong = None, False, False
    for key, val in members:
        if go_fold(key) != go_fold(name):
            continue
        if val is None:
            if kind != "string":
                value, present = None, True
            continue
        if kind == "string":
            if isinstance(val, str):
                value, present = val, True
            else:
                wrong = True
        else:
            value, present = val, True
    return value, present, wrong


def to_message(value):
    if not isinstance(value, GoObject):
        raise ValueError("cannot unmarshal a non-object into the message struct")
    version, _, bad_version = field(value, "jsonrpc", "string")
    method, _, bad_method = field(value, "method", "string")
    request_id, has_id, _ = field(value, "id", "any")
    params, _, _ = field(value, "params", "raw")
    if bad_version or bad_method:
        raise ValueError("cannot unmarshal a field of the wrong type")
    message = {"jsonrpc": version, "method": method}
    if has_id and request_id is not None:
        if isinstance(request_id, tuple):
            number = float(request_id[1])
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError("number out of range")
            message["id"] = int(number)
        elif isinstance(request_id, str):
            message["id"] = request_id
        else:
            raise ValueError(f"invalid ID type {type(request_id).__name__}")
    if method == "tools/call":
        if not isinstance(params, GoObject):
            raise ValueError("cannot unmarshal params into CallToolParams")
        name, _, bad_name = field(params, "name", "string")
        if bad_name:
            raise ValueError("cannot unmarshal params.name")
        message["params"] = {"name": name}
    return message


def main():
    stdin = sys.stdin.buffer
    data = b""
    final = False
    while True:
        chunk = stdin.read1(65536)
        if not chunk:
            final = True
        data += chunk
        while True:
            start = Parser(data, final).skip_ws(0)
            if start >= len(data):
                data = b""
                break
            try:
                value, end = Parser(data, final).value(start, 0)
            except Incomplete:
                if final:
                    log(READER, "unexpected EOF inside a value")
                    return
                data = data[start:]
                break
            except GoSyntaxError as error:
                log(READER, f"syntax error, the decoder is dead: {error}")
                drain(stdin)
                return
            data = data[end:]
            try:
                message = to_message(value)
            except ValueError as error:
                log(READER, f"message dropped: {error}")
                continue
            handle(READER, message)
        if final:
            return


def drain(stdin):
    while stdin.read1(65536):
        pass


if __name__ == "__main__":
    main()
