# SPDX-License-Identifier: EUPL-1.2
"""Every option of the disparity analysis is a named keyword of the one-call entry point, as of the counter."""

import artikel1
from test_disparity import selection_model
from test_pickle import frame


def test_every_table_option_is_a_keyword_of_disparity():
    data = frame(rows=2000, seed=4)
    options = dict(confidence=0.9, alpha=0.2, band=(0.95, 1.05), reference_groups={"race": "b"})
    table = artikel1.disparity(selection_model(), data, {"group": "race"}, min_cell=5, **options)
    expected = artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(data).table(min_cell=5, **options)
    assert table.to_json() == expected.to_json()
    assert table.cell("select", "race", "b").reference
    assert table.to_dict()["alpha"] == 0.2 and table.to_dict()["confidence"] == 0.9
