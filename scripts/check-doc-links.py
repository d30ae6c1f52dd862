#!/usr/bin/env python3
"""Checks the links of the repository's Markdown pages and the decisions the
code cites.

- Every relative link [text](path#anchor) in README.md, BENCHMARKS.md,
  examples/README.md and docs/*.md names a file that exists and, with an
  anchor, a heading of that file (GitHub's anchor rules).
- Every "docs/decisions.md#anchor" in src/, include/, tools/, tests/,
  examples/, bench/, cmake/, scripts/ and CMakeLists.txt names a heading of
  docs/decisions.md.

Usage: scripts/check-doc-links.py [repository root]. Exit 1 on a broken link.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent).resolve()
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CITE = re.compile(r"docs/decisions\.md#([a-z0-9_-]+)")
CODE_DIRS = ["src", "include", "tools", "tests", "examples", "bench", "cmake", "scripts"]
CODE_EXT = {".c", ".h", ".cpp", ".hpp", ".txt", ".cmake", ".sh", ".py", ".def", ".map", ".in"}


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"`", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        found, seen, fenced = set(), {}, False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                fenced = not fenced
            elif not fenced and re.match(r"#{1,6} ", line):
                base = slug(line.lstrip("#"))
                n = seen.get(base, 0)
                seen[base] = n + 1
                found.add(base if n == 0 else f"{base}-{n}")
        cache[path] = found
    return cache[path]


def strip_code(text):
    """Markdown without fenced blocks and inline code, where links are not links."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def main():
    errors = []
    pages = [ROOT / "README.md", ROOT / "BENCHMARKS.md", ROOT / "examples/README.md"]
    pages += sorted((ROOT / "docs").glob("*.md"))
    for page in pages:
        for target in LINK.findall(strip_code(page.read_text(encoding="utf-8"))):
            if re.match(r"[a-z]+:", target):
                continue  # http:, https:, mailto:
            file_part, _, anchor = target.partition("#")
            dest = (page.parent / file_part).resolve() if file_part else page
            if not dest.exists():
                errors.append(f"{page.relative_to(ROOT)}: {target}: no such file")
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                errors.append(f"{page.relative_to(ROOT)}: {target}: no such heading")
    decisions = anchors(ROOT / "docs/decisions.md")
    files = [ROOT / "CMakeLists.txt"]
    for d in CODE_DIRS:
        files += [p for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix in CODE_EXT]
    files = [p for p in files if p.resolve() != pathlib.Path(__file__).resolve()]
    cited = 0
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for anchor in CITE.findall(line):
                cited += 1
                if anchor not in decisions:
                    errors.append(f"{path.relative_to(ROOT)}:{n}: docs/decisions.md#{anchor}: no such heading")
    for e in errors:
        print(e)
    print(f"{len(pages)} pages, {cited} citations of docs/decisions.md, {len(errors)} broken")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
