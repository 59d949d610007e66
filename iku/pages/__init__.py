"""Stage 4, render: one module per page of the site, named like the page it serves, each giving
the page's fragments (Markdown headings and HTML blocks) from a computed Portal.

Every string that comes from a data file passes through `esc` (HTML) or `md` (Markdown
inline) before it is placed in a page, so a cell holding `<script>` or `{{ config }}` is
shown as text. The site adapter places these fragments as macro *results*, which the macros
engine does not render again. Links are written as Markdown links relative to the page's
source file (`prefix`), so the site generator checks and rewrites them.
"""
