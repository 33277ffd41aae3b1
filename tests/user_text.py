"""User text that Markdown, HTML, emoji shortcodes or LaTeX would turn into something else if it were not escaped."""

HOSTILE_TEXTS = (
    "**bold** and _italic_ and ~~struck~~",
    "<b>html</b> <img src=x onerror=alert(1)> <script>alert(1)</script>",
    "[a link](https://example.com) and ![picture](https://example.com/x.png)",
    "# not a heading",
    "- not a list",
    "1. not a numbered list",
    "`code` and ```fenced```",
    ":smile: :material/home: emoji shortcodes",
    "$x^2$ and $$\\int$$ maths",
    "a | table | row",
    "back\\slash and \\*escaped\\*",
    "café – naïve, 3 < 4 & 5 > 2",
    "line one\nline two",
    "https://example.com/a_b and http://x.org",
    "mail someone@example.com or visit www.example.com",
)
