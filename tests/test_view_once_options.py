"""The pipeline's options (run.ViewOnceOptions): one view per class, the
same values as Beam's own views."""
import pickle

from apache_beam.options.pipeline_options import (DirectOptions, PipelineOptions,
                                                  StandardOptions, TypeOptions)

from pipeline.run import ViewOnceOptions

FLAGS = ['--direct_num_workers=2', '--runner=FnApiRunner', '--no_pipeline_type_check']


def test_one_view_per_class_with_beams_values():
    options, beams = ViewOnceOptions(FLAGS), PipelineOptions(FLAGS)
    assert options.view_as(TypeOptions) is options.view_as(TypeOptions)
    for cls in (TypeOptions, DirectOptions, StandardOptions):
        assert vars(options.view_as(cls)._visible_options) == \
            vars(beams.view_as(cls)._visible_options)
    assert options.get_all_options() == beams.get_all_options()


def test_a_value_set_in_one_view_is_seen_in_every_view():
    options = ViewOnceOptions(FLAGS)
    standard = options.view_as(StandardOptions)
    options.view_as(DirectOptions)
    standard.streaming = True
    assert options.view_as(StandardOptions).streaming is True
    assert options.get_all_options()['streaming'] is True


def test_pickled_options_leave_their_views_behind():
    options = ViewOnceOptions(FLAGS)
    options.view_as(DirectOptions)
    again = pickle.loads(pickle.dumps(options))
    assert '_views' not in vars(again)
    assert again.view_as(DirectOptions).direct_num_workers == 2
