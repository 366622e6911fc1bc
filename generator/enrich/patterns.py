"""Regex building shared by the enrichment stages."""
from __future__ import annotations

import re


def alternation(choices) -> str:
    """A regex matching any of the literal strings, written as a trie ('sa(?:id|ys)'): Python's re
    tries the branches of a plain 'said|says|...' one by one at every position, a trie one letter at a time."""
    trie: dict = {}
    for word in choices:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    return pattern(trie)
