"""A Babel extraction method for the app's Python files, named in babel.cfg.

Babel's own `python` method reads tokens, and before Python 3.12 an f-string is one token, so a call inside one
(f"**{t('Download', lang)}**", common in the pages) would be missed. This method reads the syntax tree instead, where
calls inside f-strings are ordinary calls, and otherwise behaves as Babel's: it yields each call to a keyword
function with its positional arguments (a string, or None for anything else) and lets Babel's keyword specs
(`tn:1,2`, `tc:1c,2`) pick the messages. A conditional argument (t("a" if x else "b", lang)) yields both texts.
Comments on the lines just above a call that start with a comment tag (`--add-comments`) reach translators.
"""

from __future__ import annotations

import ast
import io
import itertools
import tokenize


def _texts(node: ast.expr) -> list[str | None]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    return [None]


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _comments(source: str, tags) -> dict[int, str]:
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            if any(text.startswith(tag) for tag in tags):
                comments[token.start[0]] = text
    return comments


def extract(fileobj, keywords, comment_tags, options):
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    comments = _comments(source, comment_tags or ())
    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call) and _name(node.func) in keywords]
    for call in sorted(calls, key=lambda node: (node.lineno, node.col_offset)):
        above = []
        line = call.lineno - 1
        while line in comments:
            above.insert(0, comments[line])
            line -= 1
        for messages in itertools.product(*(_texts(arg) for arg in call.args)):
            yield call.lineno, _name(call.func), messages, above
