"""The local runner's one change to Beam's FnApiRunner (pipeline.local_runner):
a Flatten in front of a GroupByKey (every CoGroupByKey) writes straight into
the grouping, with the same results as Beam's own runner."""
import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.portability.fn_api_runner import FnApiRunner, translations
from apache_beam.testing.util import assert_that, equal_to

from pipeline import local_runner
from pipeline.local_runner import LocalRunner


def _graph(p):
    """Three ways of putting collections together: a CoGroupByKey, a
    Flatten into a GroupByKey (inputs of different element types, so that
    Beam adds transcoding steps), and a Flatten into a Map."""
    left = p | 'Left' >> beam.Create([(i % 7, i) for i in range(100)])
    right = p | 'Right' >> beam.Create([(i % 7, str(i)) for i in range(50)])
    joined = ({'l': left, 'r': right} | 'Join' >> beam.CoGroupByKey()
              | 'Sorted' >> beam.MapTuple(lambda k, d: (k, sorted(d['l']), sorted(d['r']))))
    counts = ((left, right) | 'Both' >> beam.Flatten() | 'Group' >> beam.GroupByKey()
              | 'Count' >> beam.MapTuple(lambda k, v: (k, len(list(v)))))
    keys = (left, right) | 'Again' >> beam.Flatten() | 'Keys' >> beam.Map(lambda kv: kv[0])
    return joined, counts, keys


def _expected():
    joined = [(k, [i for i in range(100) if i % 7 == k],
               sorted(str(i) for i in range(50) if i % 7 == k)) for k in range(7)]
    counts = [(k, sum(1 for i in range(100) if i % 7 == k) +
               sum(1 for i in range(50) if i % 7 == k)) for k in range(7)]
    keys = [i % 7 for i in range(100)] + [i % 7 for i in range(50)]
    return joined, counts, keys


def test_joins_and_flattens_give_what_beams_runner_gives():
    for runner in (FnApiRunner(), LocalRunner()):
        with beam.Pipeline(runner=runner, options=PipelineOptions()) as p:
            for label, got, want in zip(('joined', 'counts', 'keys'), _graph(p), _expected()):
                assert_that(got, equal_to(want), label=f'check {label}')


def test_a_flatten_into_a_grouping_is_no_stage_of_its_own():
    p = beam.Pipeline(options=PipelineOptions())
    _graph(p)
    proto = p.to_runner_api()
    names = [s.name for s in FnApiRunner().create_stages(proto)[1]]
    ours = [s.name for s in LocalRunner().create_stages(proto)[1]]
    assert 'Join/CoGroupByKeyImpl/Flatten/Read' in ' '.join(names)
    assert 'Both/Read' in ' '.join(names)
    assert 'Flatten/Read' not in ' '.join(ours) and 'Both/Read' not in ' '.join(ours)
    # a Flatten into a Map keeps Beam's materialized read
    assert 'Again/Read' in ' '.join(ours)
    assert len(ours) == len(names) - 2


def test_beams_runner_still_uses_the_phases_copied_here(monkeypatch):
    """LocalRunner.create_stages repeats Beam's list of phases (a Beam
    upgrade that changes it must change pipeline.local_runner too)."""
    seen = []
    original = translations.create_and_optimize_stages

    def spy(pipeline_proto, phases, **kwargs):
        seen.append((list(phases), kwargs))
        return original(pipeline_proto, phases=phases, **kwargs)
    monkeypatch.setattr(translations, 'create_and_optimize_stages', spy)
    p = beam.Pipeline(options=PipelineOptions())
    _graph(p)
    FnApiRunner().create_stages(p.to_runner_api())
    LocalRunner().create_stages(p.to_runner_api())
    (beams, beams_args), (_, ours_args) = seen
    assert beams == list(local_runner.BEAM_PHASES)
    assert ours_args == beams_args   # the same runner URNs, state iterables, drain
    extra = [ph for ph in local_runner.phases() if ph not in local_runner.BEAM_PHASES]
    assert [ph for ph in local_runner.phases() if ph not in extra] == list(local_runner.BEAM_PHASES)
