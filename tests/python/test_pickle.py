# SPDX-License-Identifier: EUPL-1.2
"""Objects that carry results pickle and unpickle (multiprocessing, joblib and Dask send them between processes)."""

import multiprocessing
import pickle

import numpy as np
import pandas as pd

import artikel1
import test_compounding
from test_disparity import selection_model


def frame(rows=3000, seed=2):
    rng = np.random.default_rng(seed)
    group = rng.choice(np.array(["a", "b"]), size=rows, p=[0.7, 0.3])
    adverse = rng.random(rows) < np.where(group == "b", 0.2, 0.1)
    return pd.DataFrame({"step": "select", "next_step": np.where(adverse, "investigate", "pass"), "group": group})


def test_an_assessment_comes_back_with_the_same_canonical_json():
    assessment = artikel1.assess(artikel1.example())
    back = pickle.loads(pickle.dumps(assessment))
    assert back.to_json() == assessment.to_json()
    assert back.max_score == assessment.max_score and back.process_id == "bijstand-aanvraag"


def test_a_knowledge_base_comes_back_with_the_same_weights():
    kb = artikel1.KnowledgeBase.builtin()
    back = pickle.loads(pickle.dumps(kb))
    assert back.to_dict() == kb.to_dict() and back.method_id == kb.method_id
    process = artikel1.example()
    assert artikel1.assess(process, kb=back).to_json() == artikel1.assess(process, kb=kb).to_json()


def test_a_counter_comes_back_with_its_counts_and_settings():
    counter = artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(frame())
    back = pickle.loads(pickle.dumps(counter))
    assert back.serialise() == counter.serialise()
    assert back.table().to_json() == counter.table().to_json()
    # It still counts and merges like the original.
    more = frame(seed=3)
    assert back.add_frame(more).table().to_json() == counter.add_frame(more).table().to_json()


def test_a_copy_made_from_a_counter_pickles_too():
    counter = artikel1.DisparityCounter(selection_model(), {"group": "race"}, strata=None)
    part = counter.empty_copy().add_frame(frame(rows=500))
    assert pickle.loads(pickle.dumps(part)).serialise() == part.serialise()


def test_a_table_comes_back_with_the_same_outputs():
    table = artikel1.disparity(selection_model(), frame(), {"group": "race"})
    back = pickle.loads(pickle.dumps(table))
    assert back.to_json() == table.to_json()
    assert back.to_csv() == table.to_csv()
    assert back.to_text() == table.to_text()
    assert back.cells == table.cells


def test_a_transition_counter_comes_back_and_still_compounds():
    model = test_compounding.chain_model()
    data = test_compounding.frame((0.2, 0.3, 0.4), (0.4, 0.3, 0.5), cases=(2000, 1000))
    counter = artikel1.transition_counter(model, {"group": "race"}).add_frame(data)
    back = pickle.loads(pickle.dumps(counter))
    assert back.serialise() == counter.serialise()
    assert artikel1.compound(model, back).to_json() == artikel1.compound(model, counter).to_json()


def test_a_compounding_result_comes_back_with_the_same_outputs():
    model = test_compounding.chain_model()
    data = test_compounding.frame((0.2, 0.3, 0.4), (0.4, 0.3, 0.5), cases=(2000, 1000))
    result = artikel1.compound(model, data, {"group": "race"}, hits={"s2": "s3"})
    back = pickle.loads(pickle.dumps(result))
    assert back.to_json() == result.to_json()
    assert back.to_dict() == result.to_dict()
    assert (back.source, back.grounds, back.reference("race"), repr(back)) == ("log", ["race"], "a", repr(result))
    assert back.rates().equals(result.rates())
    assert back.shares().equals(result.shares())
    assert back.outcome_tests().equals(result.outcome_tests())
    # By hand: a sanctioned 48 of 2000, b 60 of 1000.
    assert back.rates().probability.to_list() == [0.024, 0.06]
    table = artikel1.disparity(model, data, {"group": "race"})
    assert table.to_html(compounding=back, date="2026-01-01") == table.to_html(compounding=result, date="2026-01-01")


def test_a_what_if_result_comes_back_too():
    model = test_compounding.chain_model()
    counter = artikel1.transition_counter(model, {"group": "race"})
    counter.add_frame(test_compounding.frame((0.2, 0.3, 0.4), (0.4, 0.3, 0.5), cases=(2000, 1000)))
    what_if = artikel1.compound_model(artikel1.fit(model, counter, per_group=["race"]), reference_groups={"race": "a"})
    back = pickle.loads(pickle.dumps(what_if))
    assert back.source == "model" and back.to_json() == what_if.to_json()


def _count_in_a_worker(part):
    return artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(part)


def test_counters_come_back_from_worker_processes_and_merge():
    whole = frame(rows=4000, seed=9)
    parts = [whole.iloc[i::4] for i in range(4)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        counters = pool.map(_count_in_a_worker, parts)
    merged = counters[0]
    for other in counters[1:]:
        merged.merge(other)
    expected = artikel1.DisparityCounter(selection_model(), {"group": "race"}).add_frame(whole)
    assert merged.table().to_json() == expected.table().to_json()

