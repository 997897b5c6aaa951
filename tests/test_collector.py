"""The cycle collector's settings while a pipeline runs (pipeline.collector).
That local worker processes run with them is checked in
tests/warehouse/test_multiprocessing.py."""
import gc
import weakref

from pipeline import collector


class Node:
    pass


def test_a_run_freezes_what_exists_collects_less_often_then_restores():
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with collector.batch_settings():
        assert gc.get_threshold() == collector.THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_during_a_run_are_still_collected():
    with collector.batch_settings():
        node = Node()
        node.self = node
        gone = weakref.ref(node)
        del node
        # enough container allocations for the collector to run by itself
        held = [[] for _ in range(3 * collector.THRESHOLDS[0])]
        del held
        assert gone() is None


def test_garbage_before_the_run_is_not_frozen_with_the_rest():
    node = Node()
    node.self = node
    gone = weakref.ref(node)
    del node
    with collector.batch_settings():
        assert gone() is None


def test_a_programs_own_freeze_is_left_as_it_was():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector.batch_settings():
            assert gc.get_threshold() == collector.THRESHOLDS
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
