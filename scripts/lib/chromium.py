"""Debian's Chromium, as the tests and the bench launch it through Playwright (one definition)."""

CHROMIUM = "/usr/bin/chromium"
# Headless, and quiet on the network: no QUIC, no background or component-update requests,
# so a page's own requests are the only ones a test or the bench sees.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
