"""runner_figures: the run report's counters and stage seconds, from a real
FnApiRunner result."""
import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import PipelineOptions

from pipeline.run import runner_figures


def _count(x):
    Metrics.counter('test', 'seen').inc()
    return x


def test_a_counter_counted_in_two_steps_is_summed():
    p = beam.Pipeline(runner='FnApiRunner', options=PipelineOptions([]))
    _ = (p | beam.Create([1, 2, 3]) | 'First' >> beam.Map(_count)
         | 'Second' >> beam.Map(_count))
    result = p.run()
    result.wait_until_finish()
    figures = runner_figures(result)
    assert figures['counters']['test.seen'] == 6
    assert set(figures.get('stage_seconds', {})) <= {'First', 'Second', 'Create'}
