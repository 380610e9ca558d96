# SPDX-License-Identifier: EUPL-1.2
"""Checks that every function of the C ABI header has a doc block of its own that names what a caller must know:

- every A1_API declaration is directly preceded by a /* ... */ comment block (nothing between them);
- the block of a function returning a1_status names at least one of the a1_status values;
- every A1_ name a block mentions exists (an enum value or a macro of artikel1.h or version.h), so a status that
  is not in the enum cannot be promised;
- a function that hands out a borrowed string (returns `const char*`, has a `const char**` out-parameter, or fills a
  struct with `const char*` fields) says how long it lives ("valid until");
- a function with a `char**` out-parameter says how to free it (a1_string_free), one with an `a1_x**` out-parameter
  names a1_x_free, and a *_free function says whether NULL is safe.

Each failure names the function and its line. Before the header, the checks are run on a small header with one
fault of each kind, so that a check that stopped finding its fault fails too.

Usage: python3 tests/c/check_doc_blocks.py include/artikel1/artikel1.h [cmake/version.h.in]
"""
import os
import re
import sys

STATUS_ENUM = re.compile(r"typedef\s+enum\s+a1_status\s*\{(.*?)\}\s*a1_status\s*;", re.S)
MACRO = re.compile(r"#\s*define\s+(A1_\w+)")
ENUM = re.compile(r"\benum\s+\w*\s*\{(.*?)\}", re.S)
MENTIONED_NAME = re.compile(r"\bA1_[A-Z0-9_]*[A-Z0-9]\b")
STRUCT = re.compile(r"typedef\s+struct\s+(a1_\w+)\s*\{(.*?)\}\s*\1\s*;", re.S)


def without_comments(text):
    """`text` with each comment replaced by spaces (newlines kept), so that offsets and line numbers stay."""
    return re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


def declarations(text):
    """(line, name, return type, parameters, offset of the line start) of every A1_API declaration."""
    code = without_comments(text)
    for match in re.finditer(r"^A1_API\s+([^;]*?)\b(a1_\w+)\s*\(([^)]*)\)\s*;", code, flags=re.M):
        ret, name, params = (" ".join(part.split()) for part in match.groups())
        yield text.count("\n", 0, match.start()) + 1, name, ret, params, match.start()


def block_before(text, offset):
    """The comment block that ends on the line just above `offset` (a line start), or None."""
    above = text[:offset].rstrip(" \t")
    if not above.endswith("\n"):
        return None
    previous = above[:-1].rstrip(" \t")
    if not previous.endswith("*/"):  # a blank line or code between the block and the declaration
        return None
    start = previous.rfind("/*")
    if start < 0:
        return None
    line_start = previous.rfind("\n", 0, start) + 1
    if previous[line_start:start].strip():  # a comment at the end of a line of code is not a block
        return None
    return previous[start:]


def check(text, version_text=""):
    """The problems of header `text`, each a message naming the function."""
    problems = []
    enum = STATUS_ENUM.search(text)
    if not enum:
        return ["no typedef enum a1_status in the header"]
    statuses = set(re.findall(r"\b(A1_\w+)\s*=", without_comments(enum.group(1))))
    defined = set()
    for source in (text, version_text):
        code = without_comments(source)
        defined.update(MACRO.findall(code))
        for body in ENUM.findall(code):
            defined.update(re.findall(r"\b(A1_\w+)\s*(?:=|,|$)", body.strip()))
    string_structs = {name for name, body in STRUCT.findall(without_comments(text))
                      if re.search(r"const\s+char\s*\*\s*\w", body)}

    found = list(declarations(text))
    marks = len(re.findall(r"^A1_API\b", without_comments(text), flags=re.M))
    if marks != len(found):
        problems.append(f"{marks} lines start with A1_API but {len(found)} declarations were read: "
                        "a declaration this check cannot parse")
    for line, name, ret, params, offset in found:
        where = f"line {line}: {name}"
        block = block_before(text, offset)
        if block is None:
            problems.append(f"{where}: no doc block directly above the declaration")
            continue
        # The words of the block, whatever its line breaks: "valid\n * until" reads "valid until".
        block = " ".join(re.sub(r"^\s*\*(?!/)", "", part) for part in block.split("\n"))
        block = " ".join(block.split())
        if ret == "a1_status" and not any(re.search(rf"\b{s}\b", block) for s in statuses):
            problems.append(f"{where}: returns a1_status but its block names none of its values (A1_OK, ...)")
        for unknown in sorted(set(MENTIONED_NAME.findall(block)) - defined):
            problems.append(f"{where}: its block names {unknown}, which the header does not define")
        borrowed = ret.replace(" ", "") == "constchar*" or re.search(r"const\s+char\s*\*\s*\*", params)
        for struct in string_structs:
            if re.search(rf"(?<!const )\b{struct}\s*\*", params):
                borrowed = True
        if borrowed and "valid until" not in block:
            problems.append(f"{where}: hands out a borrowed string but its block does not say how long it is valid "
                            "(\"valid until\")")
        if re.search(r"(?<!const )\bchar\s*\*\s*\*", params) and "a1_string_free" not in block:
            problems.append(f"{where}: returns an allocated string but its block does not say to free it with "
                            "a1_string_free")
        for handle in sorted(set(re.findall(r"\b(a1_\w+)\s*\*\s*\*", params))):
            if handle != "a1_status" and f"{handle}_free" not in block:
                problems.append(f"{where}: returns a new {handle} but its block does not name {handle}_free")
        if name.endswith("_free") and "NULL" not in block:
            problems.append(f"{where}: its block does not say what freeing NULL does")
    return problems


SELF_TEST_HEADER = """\
typedef enum a1_status { A1_OK = 0, A1_INVALID_ARGUMENT = 1 } a1_status;
typedef struct a1_thing a1_thing;
typedef struct a1_cell { size_t struct_size; const char* label; } a1_cell;
#define A1_CELL_SIZE_V1 8
/* Counts. Statuses: A1_OK; A1_INVALID_ARGUMENT (`count` NULL). */
A1_API a1_status a1_good_count(size_t* count);
A1_API a1_status a1_no_block(size_t* count);
/* A block, then a blank line. Statuses: A1_OK. */

A1_API a1_status a1_blank_line(size_t* count);
/* The count, with no status named. */
A1_API a1_status a1_no_status(size_t* count);
/* Statuses: A1_OK; A1_IO_ERROR (the file cannot be read). */
A1_API a1_status a1_unknown_status(const char* path);
/* The id. Statuses: A1_OK. The id is borrowed. */
A1_API a1_status a1_thing_id(const a1_thing* thing, const char** id);
/* The name, a static string. */
A1_API const char* a1_static_name(void);
/* The label. Statuses: A1_OK. `*label` is valid
 * until a1_thing_free; do not free it. */
A1_API a1_status a1_thing_label(const a1_thing* thing, const char** label);
/* One cell (A1_CELL_SIZE_V1 bytes at least). Statuses: A1_OK. */
A1_API a1_status a1_thing_cell(const a1_thing* thing, a1_cell* cell);
/* As JSON. Statuses: A1_OK. `*json` is the caller's. */
A1_API a1_status a1_thing_to_json(const a1_thing* thing, char** json, size_t* length);
/* A new thing. Statuses: A1_OK. `*out` is valid until the thing is freed. */
A1_API a1_status a1_thing_new(a1_thing** out);
/* Frees a thing. */
A1_API void a1_thing_free(a1_thing* thing);
A1_API a1_status a1_two_lines(size_t a, /* a comment inside */
                              size_t b); /* a trailing comment */
A1_API a1_status a1_after_trailing(size_t* count);
"""

SELF_TEST_EXPECTED = [
    "line 7: a1_no_block: no doc block directly above the declaration",
    "line 10: a1_blank_line: no doc block directly above the declaration",
    "line 12: a1_no_status: returns a1_status but its block names none of its values (A1_OK, ...)",
    "line 14: a1_unknown_status: its block names A1_IO_ERROR, which the header does not define",
    "line 16: a1_thing_id: hands out a borrowed string but its block does not say how long it is valid "
    "(\"valid until\")",
    "line 18: a1_static_name: hands out a borrowed string but its block does not say how long it is valid "
    "(\"valid until\")",
    "line 23: a1_thing_cell: hands out a borrowed string but its block does not say how long it is valid "
    "(\"valid until\")",
    "line 25: a1_thing_to_json: returns an allocated string but its block does not say to free it with a1_string_free",
    "line 27: a1_thing_new: returns a new a1_thing but its block does not name a1_thing_free",
    "line 29: a1_thing_free: its block does not say what freeing NULL does",
    "line 30: a1_two_lines: no doc block directly above the declaration",
    "line 32: a1_after_trailing: no doc block directly above the declaration",
]


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1])
        return 2
    got = check(SELF_TEST_HEADER)
    if got != SELF_TEST_EXPECTED:
        print("check_doc_blocks.py does not find the faults of its own test header:")
        print("expected:\n  " + "\n  ".join(SELF_TEST_EXPECTED))
        print("got:\n  " + "\n  ".join(got))
        return 1
    header = sys.argv[1]
    version = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(header), "..", "..", "cmake",
                                                                      "version.h.in")
    with open(header, encoding="utf-8") as f:
        text = f.read()
    version_text = ""
    if os.path.exists(version):
        with open(version, encoding="utf-8") as f:
            version_text = f.read()
    problems = check(text, version_text)
    if problems:
        print(f"{header}: {len(problems)} problem(s) with the doc blocks of the C ABI")
        for problem in problems:
            print(f"{header}:{problem.replace('line ', '', 1)}")
        return 1
    print(f"{header}: {len(list(declarations(text)))} functions, each with a doc block that names its statuses and "
          "the lifetime of what it returns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
