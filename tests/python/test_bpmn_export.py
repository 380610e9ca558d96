# SPDX-License-Identifier: EUPL-1.2
"""artikel1.to_bpmn: the BPMN export from Python (the file convert -o FILE.bpmn writes), its warnings and errors."""
import warnings

import pytest

import artikel1


def test_to_bpmn_writes_the_model_with_its_colours():
    p = artikel1.example()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xml = artikel1.to_bpmn(p, artikel1.assess(p), layout="layers")
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ')
    assert '<bpmn:process id="bijstand-aanvraag" name="Aanvraag bijstandsuitkering (Participatiewet)"' in xml
    # The intake (very high, race 74.3) in the colour of its level, as in the HTML report.
    assert ('bpmnElement="intake" bioc:stroke="#222222" bioc:fill="#d73027" color:background-color="#d73027" '
            'color:border-color="#222222" a1:score="74.3" a1:level="very_high" a1:ground="race"') in xml
    plain = artikel1.to_bpmn(p, layout="layers")
    assert "bioc:fill" not in plain


def test_to_bpmn_warns_and_refuses():
    toets = artikel1.example("bijstand-aanvraag-toets")
    with pytest.warns(UserWarning, match=r"^the team's work \(schema artikel1/process/2\) is not written to BPMN"):
        artikel1.to_bpmn(toets, layout="layers")
    with pytest.raises(artikel1.InvalidArgumentError, match='^layout must be "graphviz" or "layers", not "circo"$'):
        artikel1.to_bpmn(artikel1.example(), layout="circo")
    with pytest.raises(artikel1.InvalidArgumentError, match="^assessment must be an Assessment, not str$"):
        artikel1.to_bpmn(artikel1.example(), "a")
