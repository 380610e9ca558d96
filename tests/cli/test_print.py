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
    assert text.count(no_risk) == source.count(f"<p>{no_risk}</p>") == 3  # the three outcomes, all collapsed


SCRIPT = re.compile(r"<script>.*?</script>\n", re.S)
DETAILS_RULE = "details::details-content{content-visibility:visible;display:block}"


@pytest.mark.parametrize("remove, printed", [(["script"], 3), (["rule"], 3), (["script", "rule"], 0)])
def test_each_of_script_and_style_alone_prints_the_collapsed_sections(tmp_path, remove, printed):
    """The check above can fail: the script (for browsers) and the style rule (for printers that run no script) each
    print the collapsed sections on their own, and without both they are lost."""
    source = run("report", "--date", DATE).stdout
    assert len(SCRIPT.findall(source)) == 1 and source.count(DETAILS_RULE) == 1
    if "script" in remove:
        source = SCRIPT.sub("", source)
    if "rule" in remove:
        source = source.replace(DETAILS_RULE, "")
    page = tmp_path / "page.html"
    page.write_text(source)
    pdf = tmp_path / "page.pdf"
    print_to_pdf(page, pdf)
    text = pdf_text(pdf)
    assert "Explanation per step" in text
    assert text.count("No risk sources.") == printed
