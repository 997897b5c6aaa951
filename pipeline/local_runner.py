"""The local runner: Beam's FnApiRunner with one more fusion step.

The FnApiRunner materializes every Flatten of several inputs: each input's
stage writes to a buffer, and one more stage reads that buffer back (to
the workers) only to write it on to what follows. A CoGroupByKey is such
a Flatten in front of a GroupByKey, so each join costs a pass that
decodes and encodes every element once more; on 20,000 articles on two
workers the dedup's joins spent ~2 s of a ~21 s run in those passes.

Here, where a multi-input Flatten's one consumer is a GroupByKey, its
inputs write straight into the GroupByKey's grouping buffer (what Beam's
own ``sink_flattens`` leaves as a TODO: "Possibly fuse multi-input
flattens into one of the stages"). The elements, their coders and the
order of the stages are otherwise Beam's.
"""
from __future__ import annotations

import collections
import copy
from typing import Dict, FrozenSet, Iterable, List, Set

from apache_beam.portability import common_urns
from apache_beam.runners.portability.fn_api_runner import translations
from apache_beam.runners.portability.fn_api_runner.fn_runner import FnApiRunner
from apache_beam.runners.worker import bundle_processor

Stage = translations.Stage


#: FnApiRunner.create_stages' phases in Beam 2.77 (a test checks that the
#: installed Beam still uses these).
BEAM_PHASES = (
    translations.annotate_downstream_side_inputs,
    translations.fix_side_input_pcoll_coders,
    translations.pack_combiners,
    translations.lift_combiners,
    translations.expand_sdf,
    translations.expand_gbk,
    translations.sink_flattens,
    translations.greedily_fuse,
    translations.read_to_impulse,
    translations.impulse_to_input,
    translations.sort_stages,
    translations.add_impulse_to_dangling_transforms,
    translations.setup_timer_mapping,
    translations.populate_data_channel_coders,
)


class LocalRunner(FnApiRunner):
    """FnApiRunner whose Flattens into a GroupByKey cost no pass of their
    own (see the module doc); everything else as Beam's."""

    def create_stages(self, pipeline_proto):
        return translations.create_and_optimize_stages(
            copy.deepcopy(pipeline_proto),
            phases=phases(),
            known_runner_urns=frozenset([common_urns.primitives.FLATTEN.urn,
                                         common_urns.primitives.GROUP_BY_KEY.urn]),
            use_state_iterables=self._use_state_iterables,
            is_drain=self._is_drain)


def phases() -> List:
    """Beam's phases, with flattens_into_groupings right after
    sink_flattens (the stages are single transforms until fused), and the
    grouped collections' data coders registered after Beam's."""
    out = []
    for phase in BEAM_PHASES:
        out.append(phase)
        if phase is translations.sink_flattens:
            out.append(flattens_into_groupings)
        if phase is translations.populate_data_channel_coders:
            out.append(_grouped_input_coders)
    return out


def flattens_into_groupings(stages: Iterable[Stage],
                            context: translations.TransformContext) -> List[Stage]:
    """Each Flatten read whose only consumer is a GroupByKey write: its
    writes go to the grouping buffer instead, and the read and the
    GroupByKey write are dropped; a stage that had to follow either
    follows the writes (and what they followed)."""
    stages = list(stages)
    writers: Dict[bytes, List[Stage]] = collections.defaultdict(list)
    consumers: Dict[str, List[Stage]] = collections.defaultdict(list)
    for stage in stages:
        for transform in stage.transforms:
            if transform.spec.urn == bundle_processor.DATA_OUTPUT_URN:
                writers[transform.spec.payload].append(stage)
            for pcoll in transform.inputs.values():
                consumers[pcoll].append(stage)
    pcolls = context.components.pcollections
    dropped: Dict[Stage, FrozenSet[Stage]] = {}
    for read in stages:
        if len(read.transforms) != 1:
            continue
        transform = read.transforms[0]
        if transform.spec.urn != bundle_processor.DATA_INPUT_URN or \
                translations.split_buffer_id(transform.spec.payload)[0] != 'materialize':
            continue
        writes = writers.get(transform.spec.payload, [])
        flattened = translations.only_element(transform.outputs.values())
        users = consumers.get(flattened, [])
        if not writes or len(users) != 1 or len(users[0].transforms) != 1:
            continue
        group_write = users[0]
        target = group_write.transforms[0]
        if target.spec.urn != bundle_processor.DATA_OUTPUT_URN or \
                translations.split_buffer_id(target.spec.payload)[0] != 'group':
            continue
        if not all(_same_encoding(pcolls, context, flattened,
                                  translations.only_element(w.transforms[0].inputs.values()))
                   for w in writes):
            continue
        for write in writes:
            write.transforms[0].spec.payload = target.spec.payload
        dropped[read] = read.must_follow
        dropped[group_write] = group_write.must_follow | read.must_follow
    kept = [s for s in stages if s not in dropped]
    for stage in kept:
        stage.must_follow = frozenset(_followed(stage.must_follow, dropped))
    return kept


def _followed(must_follow: Iterable[Stage], dropped: Dict[Stage, FrozenSet[Stage]]) -> Set[Stage]:
    out: Set[Stage] = set()
    todo = list(must_follow)
    while todo:
        stage = todo.pop()
        if stage in dropped:
            todo.extend(dropped[stage])
        elif stage not in out:
            out.add(stage)
    return out


def _same_encoding(pcolls, context, a: str, b: str) -> bool:
    """Whether elements of PCollections ``a`` and ``b`` cross the data
    channel in the same encoding (the same coder and window coder)."""
    strategies = context.components.windowing_strategies
    return (pcolls[a].coder_id == pcolls[b].coder_id and
            strategies[pcolls[a].windowing_strategy_id].window_coder_id ==
            strategies[pcolls[b].windowing_strategy_id].window_coder_id)


def _grouped_input_coders(stages, context):
    """The grouping buffer decodes with its GroupByKey input's data-channel
    coder, which Beam registers only for a PCollection some stage writes
    or reads; where flattens_into_groupings dropped the GroupByKey's own
    write, nothing registered it: it is registered here (as
    populate_data_channel_coders would have)."""
    for stage in stages:
        for transform in stage.transforms:
            if transform.spec.urn != bundle_processor.DATA_OUTPUT_URN:
                continue
            kind, grouping = translations.split_buffer_id(transform.spec.payload)
            if kind != 'group':
                continue
            grouped = translations.only_element(
                context.components.transforms[grouping].inputs.values())
            if grouped not in context.data_channel_coders:
                context.add_data_channel_coder(grouped, False)
    return stages
