# SPDX-License-Identifier: EUPL-1.2
"""The printed report: the HTML report of the built-in example printed to PDF by headless Chromium, as docs/reports.md
tells a user to do, has A4 pages, every section and every step's explanation, also those collapsed on screen."""
import html
import re
import shutil
import subprocess

import pytest

from test_cli import DATE, console_messages, run

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdftotext") is None,
                                reason="chromium and pdftotext (poppler-utils, scripts/install-deps.sh) are needed")


def print_to_pdf(page, pdf):
    """Prints `page` with headless Chromium to `pdf`, as docs/reports.md shows; returns Chromium's log (stderr)."""
    args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--enable-logging=stderr",
            "--v=0", f"--print-to-pdf={pdf}", f"file://{page}"]
    return subprocess.run(args, capture_output=True, text=True, timeout=180).stderr


def pdf_text(pdf):
    """The text of the PDF, with every run of white space (line ends of wrapped text included) as one space."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    return " ".join(text.split())


def pdf_pages(pdf):
    """The number of pages and the page size in points, from pdfinfo."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    return pages, info


def visible(fragment):
    """The text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_printed_report_has_every_section(tmp_path, lang):
    page = tmp_path / "report.html"
    assert run("report", "--date", DATE, "--lang", lang, "-o", page).returncode == 0
    source = page.read_text()
    pdf = tmp_path / "report.pdf"
    log = print_to_pdf(page, pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-", log[-2000:]
    assert console_messages(log) == []
    pages, info = pdf_pages(pdf)
    # 21 pages in English and 22 in Dutch when this test was written: the title and summary, the heatmap and the
    # graph on landscape pages, one page for the gatekeepers, some for the plan and the explanations of ten steps.
    assert 15 <= pages <= 30, info
    assert "(A4)" in info
    text = pdf_text(pdf)
    headings = [visible(h) for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", source)]
    assert len(headings) == 7
    for heading in headings:
        assert heading in text, heading
    # Every step's explanation, also of the steps whose section is collapsed on screen (no risk at or above high).
    summaries = [visible(s) for s in re.findall(r"<summary>(.*?)</summary>", source)]
    assert len(summaries) == 10 and source.count("<details>") >= 3  # some are collapsed
    for summary in summaries:
        assert summary in text, summary
    no_risk = "No risk sources." if lang == "en" else "Geen risicobronnen."
    assert text.count(no_risk) == source.count(no_risk) == 3  # the three outcomes, all collapsed


def test_without_the_print_style_the_collapsed_sections_would_not_print(tmp_path):
    """The check above can fail: the same page without its print rules and script loses the collapsed sections."""
    source = run("report", "--date", DATE).stdout
    bare = re.sub(r"@media print\{.*?\}\}\n", "", source, flags=re.S)
    bare = re.sub(r"<script>.*?</script>\n", "", bare, flags=re.S)
    assert "@media print" not in bare and "<script" not in bare
    page = tmp_path / "bare.html"
    page.write_text(bare)
    pdf = tmp_path / "bare.pdf"
    print_to_pdf(page, pdf)
    text = pdf_text(pdf)
    assert "Explanation per step" in text and "No risk sources." not in text
