"""axe-core inside Chromium: one check every public page's browser test can call.

The engine is the `axe.min.js` that the axe-playwright-python package ships (a PyPI
install; nothing is downloaded at run time). Use it through the `axe` fixture:

    def test_my_page_is_accessible(live_server, page, axe):
        page.goto(live_server.url + reverse("documents:list"))
        axe.check(page)                         # fails on any violation, any impact

    def test_my_page_at_both_widths(live_server, chromium, axe):
        axe.check_paths(chromium, live_server.url, [reverse("documents:list")])

What it checks and why: docs/accessibility.md.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()

# WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, headings...).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# The widths every public page is checked at: a phone and a desktop.
WIDTHS = (390, 1280)


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self):
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule}: {self.help} ({len(self.targets)}×: {shown})\n    {self.summary}"


def violations(page, context=None, rules=None) -> list[Violation]:
    """Run axe on the page as it is now (after any clicks or focus the test made)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    else:
        options["runOnly"] = {"type": "tag", "values": TAGS}
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, options],
    )
    found = []
    for item in result["violations"]:
        nodes = item["nodes"]
        found.append(
            Violation(
                rule=item["id"],
                impact=item["impact"] or "",
                help=item["help"],
                targets=tuple(json.dumps(node["target"], ensure_ascii=False) for node in nodes),
                summary=(nodes[0].get("failureSummary") or "").replace("\n", " ")[:300],
            )
        )
    return found


class Axe:
    """The fixture's object: `check` one page, or `check_paths` at both widths."""

    def check(self, page, label=None, context=None):
        found = violations(page, context=context)
        if found:
            where = label or page.url
            raise AssertionError(
                f"axe found {len(found)} violation(s) on {where}:\n"
                + "\n".join(str(v) for v in found)
            )

    def check_paths(self, browser, base_url, paths, widths=WIDTHS):
        """Every path at every width; one failure lists all pages' violations."""
        report = []
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            page = context.new_page()
            try:
                for path in paths:
                    page.goto(base_url + path)
                    report.extend(f"{width}px {path}\n  {v}" for v in violations(page))
            finally:
                context.close()
        if report:
            raise AssertionError(f"axe found {len(report)} violation(s):\n" + "\n".join(report))
