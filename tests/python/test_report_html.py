# SPDX-License-Identifier: EUPL-1.2
"""Assessment.to_html() (the same file as `artikel1 report`, with the observed differences when a table is given),
DisparityTable.to_html() (that section as a document of its own) and DisparityTable.plot() (a forest plot)."""
import os
import pathlib
import re
import subprocess

import pytest

import artikel1

ROOT = pathlib.Path(os.environ.get("ARTIKEL1_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
EXAMPLE = ROOT / "examples" / "bijstand-aanvraag.json"
EXAMPLE_LOG = ROOT / "examples" / "logs" / "bijstand-aanvraag.csv"
GROUPS = {"migratieachtergrond": "race", "geslacht": "sex"}
DATE = "2026-01-15"


def cli():
    """The command line tool of the same build tree, when there is one."""
    python_dir = pathlib.Path(artikel1.__file__).resolve().parents[1]
    path = python_dir.parent / "tools" / "artikel1"
    return path if path.exists() else None


@pytest.fixture(scope="module")
def example():
    process = artikel1.Process.from_file(EXAMPLE)
    return process, artikel1.assess(process)


@pytest.fixture(scope="module")
def table(example):
    return artikel1.disparity(example[0], EXAMPLE_LOG, GROUPS, strata="gemeente")


def known_table(tmp_path, groups):
    """A log over tests/data/logs/model.json: (label, cases, investigated) at `check`."""
    rows = ["case_id,step,next_step,origin"]
    case = 0
    for label, cases, investigated in groups:
        for i in range(cases):
            case += 1
            rows.append(f"c{case},check,{'investigate' if i < investigated else 'approve'},{label}")
    log = tmp_path / "log.csv"
    log.write_text("\n".join(rows) + "\n")
    process = artikel1.Process.from_file(ROOT / "tests" / "data" / "logs" / "model.json")
    return process, artikel1.disparity(process, log, {"origin": "race"})


def test_the_report_is_the_file_the_command_line_writes(example, table):
    process, assessment = example
    tool = cli()
    if tool is None:
        pytest.skip("the command line tool is not built in this tree")
    for lang in ["en", "nl"]:
        base = [str(tool), "report", str(EXAMPLE), "--date", DATE, "--lang", lang]
        assert assessment.to_html(language=lang, date=DATE) == subprocess.run(base, capture_output=True, text=True).stdout
        with_log = base + ["--log", str(EXAMPLE_LOG), "--group", "migratieachtergrond=race", "--group", "geslacht=sex",
                           "--strata", "gemeente"]
        assert assessment.to_html(language=lang, date=DATE, disparity=table) == \
            subprocess.run(with_log, capture_output=True, text=True).stdout


def test_the_report_holds_the_ratio_in_the_format_of_its_language(tmp_path):
    process, table = known_table(tmp_path, [("NL", 200, 20), ("TR", 100, 25)])
    tr = table.cell("check", "race", "TR")
    assert tr.ratio == 2.5 and tr.flagged
    assessment = artikel1.assess(process)
    en = assessment.to_html(disparity=table)
    nl = assessment.to_html(disparity=table, language="nl")
    low, high = tr.ratio_interval
    assert f"2.50 [{low:.2f}, {high:.2f}]" in en and f"2,50 [{low:.2f}; {high:.2f}]".replace(".", ",") in nl
    assert "<h2>Observed differences</h2>" in en and "<h2>Waargenomen verschillen</h2>" in nl
    assert "Observed differences" not in assessment.to_html()


def test_the_table_alone_is_a_document_with_a_row_and_a_plot_per_published_cell(example, table):
    page = table.to_html(assessment=example[1], language="nl", date=DATE)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nl\">") and page.endswith("</html>\n")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    cells = table.cells
    blocks = {(c.step, c.ground) for c in cells}
    assert page.count('<svg class="forest"') == len(blocks) == 10
    rows = re.findall(r'<table class="observed">(.*?)</table>', page, re.S)
    assert sum(t.count("<tr") - 1 for t in rows) == len(cells) == 29
    compared = [c for c in cells if c.ratio is not None]
    assert page.count('<g class="point') == len(compared) == 18
    assert page.count('<g class="withheld">') == sum(c.suppressed for c in cells) == 1
    flagged = table.flagged
    assert [(c.step, c.group) for c in flagged] == [("risicoselectie", "niet-westers")]
    assert f'{flagged[0].ratio:.2f}'.replace(".", ",") + "</text></g>" in page
    # without the assessment: ids for names, and no structural column
    bare = table.to_html()
    assert "<h3><code>risicoselectie</code></h3>" in bare and "Structural risk" not in bare
    with_names = table.to_html(assessment=example[1])
    assert "<h3>Selectie voor extra controle (risicoregels) (<code>risicoselectie</code>)</h3>" in with_names
    assert "<th>Structural risk</th>" in with_names


def test_the_compounding_results_join_the_section(example):
    process, assessment = example
    counter = artikel1.transition_counter(process, GROUPS)
    counter.read_log(EXAMPLE_LOG)
    result = artikel1.compound(process, counter)
    table = counter.table()
    page = table.to_html(compounding=result)
    outcomes = [o for g in result.to_dict()["grounds"] for o in g["outcomes"]]
    assert page.count('<svg class="funnel"') == len(outcomes) > 0
    assert page.count('<rect class="bar"') == sum(len(r["funnel"]) for o in outcomes for r in o["groups"])
    report = assessment.to_html(disparity=table, compounding=result, date=DATE)
    assert "<h3>Compounding over the decision points</h3>" in report
    with pytest.raises(artikel1.InvalidArgumentError, match="compounding needs disparity"):
        assessment.to_html(compounding=result)


def test_suppressed_cells_have_no_number_in_the_html(tmp_path):
    process, table = known_table(tmp_path, [("NL", 200, 20), ("TR", 100, 25), ("MA", 60, 6), ("Eritrea", 3, 2)])
    assert [(c.group, c.suppressed) for c in table.cells] == [("MA", False), ("NL", False), ("other (suppressed)", True)]
    page = table.to_html(language="nl")
    assert "Eritrea" not in page and "<td>TR</td>" not in page
    assert "<em>overig (onderdrukt)</em>" in page and "niet gepubliceerd: kleine groepen" in page
    # a table read back from its pickle (its published JSON) writes the same page
    import pickle

    assert pickle.loads(pickle.dumps(table)).to_html(language="nl") == page


def test_a_loaded_assessment_needs_its_process(example, table):
    process, assessment = example
    loaded = artikel1.Assessment.from_json(assessment.to_json())
    with pytest.raises(artikel1.InvalidArgumentError, match="this assessment was loaded, not made by assess"):
        loaded.to_html()
    # (a saved assessment keeps the scores, not every label of the knowledge base: the pages differ in wording)
    page, original = loaded.to_html(process=process, date=DATE), assessment.to_html(date=DATE)
    assert page.count('class="cell"') == original.count('class="cell"') == 10 * 11
    assert page.count('class="node"') == original.count('class="node"') == 10


def test_to_html_argument_errors(example, table):
    assessment = example[1]
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "de"'):
        assessment.to_html(language="de")
    with pytest.raises(artikel1.InvalidArgumentError, match="disparity must be a DisparityTable, not dict"):
        assessment.to_html(disparity={})
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "fr"'):
        table.to_html(language="fr")
    with pytest.raises(artikel1.InvalidArgumentError, match="assessment must be an Assessment, not str"):
        table.to_html(assessment="a")
    with pytest.raises(artikel1.InvalidArgumentError, match="compounding must be a Compounding, not int"):
        table.to_html(compounding=1)


def test_plot_is_a_forest_plot_of_the_published_cells(table):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = table.plot()
    ax = fig.axes[0]
    cells = table.cells
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(cells) == 29
    assert labels[0] == "bezwaar / sex: other (suppressed)"  # the last cell, at the bottom
    assert labels[-1] == "intake / race: geen"
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "Ratio to the reference group, log scale"
    # one errorbar per compared cell, at its ratio; the flagged one in the report's colour of the highest level
    compared = [c for c in cells if c.ratio is not None]
    assert len(ax.containers) == len(compared) == 18
    points = sorted(round(float(container.lines[0].get_xdata()[0]), 12) for container in ax.containers)
    assert points == sorted(round(c.ratio, 12) for c in compared)
    colours = [matplotlib.colors.to_hex(container.lines[0].get_color()) for container in ax.containers]
    assert colours.count(artikel1._core.level_colours[3]) == len(table.flagged) == 1
    # one open diamond per reference group, at 1
    references = [line for line in ax.lines if line.get_marker() == "D"]
    # (at bezwaar the reference group of sex is suppressed with the small groups: 9 of the 10 blocks have one)
    assert len(references) == sum(c.reference for c in cells) == 9
    assert all(list(line.get_xdata()) == [1.0] for line in references)
    plt.close(fig)
    nl = table.plot(language="nl", step="risicoselectie")
    ax = nl.axes[0]
    assert ax.get_xlabel() == "Verhouding tot de referentiegroep, logaritmische schaal"
    assert len(ax.get_yticklabels()) == sum(c.step == "risicoselectie" for c in cells) == 6
    plt.close(nl)
    with pytest.raises(artikel1.NotFoundError, match='no decision point "nope" in the table'):
        table.plot(step="nope")
    with pytest.raises(artikel1.InvalidArgumentError, match='language must be "en" or "nl", not "de"'):
        table.plot(language="de")
