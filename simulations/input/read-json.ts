/**
 * Parse JSON text, turning every syntax error into an EngineError with its line and column
 * (V8's own messages in Node 20 often omit the position). NaN and Infinity are not JSON, so they
 * fail here; numbers that overflow to Infinity (1e999) are caught by the schemas.
 */
import { EngineError } from "../errors.ts";

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineColumn(text, offset);
    throw new EngineError({
      code: "INVALID_JSON",
      reason: `malformed JSON at line ${line}, column ${column}: ${reason}`,
    });
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A strict RFC 8259 scanner used only after JSON.parse has failed, to find where and why.
 * Returns the offset of the first offending character.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  class Fail {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const describe = (at: number) =>
    at >= text.length ? "unexpected end of input" : `unexpected character ${JSON.stringify(text[at])}`;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
      i++;
  };
  const expect = (ch: string, what: string) => {
    if (text[i] !== ch) throw new Fail(i, `${describe(i)}, expected ${what}`);
    i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (text[i + k] !== word[k]) throw new Fail(i + k, `${describe(i + k)} in literal (expected ${word})`);
    }
    i += word.length;
  };
  const string = () => {
    expect('"', "'\"'");
    for (;;) {
      if (i >= text.length) throw new Fail(i, "unterminated string");
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw new Fail(i, "control character in string");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, "bad \\u escape");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Fail(i, "bad escape in string");
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "" || m[0] === "-") throw new Fail(i, `${describe(i)}, expected a value`);
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Fail(i, `${describe(i)}, expected a property name in double quotes`);
        string();
        ws();
        expect(":", "':'");
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("}", "',' or '}'");
        return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        expect("]", "',' or ']'");
        return;
      }
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Fail(i, `${describe(i)} after the JSON value`);
    return { offset: 0, reason: "invalid JSON" };
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}
