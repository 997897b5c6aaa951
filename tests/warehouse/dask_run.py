"""Run ``wirefeed run`` on Beam's DaskRunner with two of its gaps closed.

    python dask_run.py [wirefeed run arguments...] --dask_client_address ADDR

Used by test_dask.py to show what Beam 2.77's DaskRunner lacks for correct
tables, and that nothing else is missing. ``FixedDaskRunner`` is the stock
runner with two changes to its ParDo translation:

1. a multi-output ParDo's outputs are kept as (tag, value) pairs and each
   consumer gets only its own tag (the stock visitor hands every consumer
   of any output of a ParDo the whole mixed bag);
2. what a DoFn outputs from ``finish_bundle`` is kept (the stock
   ``apply_dofn_to_bundle`` collects the outputs *before* calling
   ``finish_bundle``, so those are dropped).

Side inputs stay as the stock runner does them (a nested compute of the
side input's upstream graph inside each task that reads it), which makes
upstream stages run several times per run: see test_dask.py. The class is
defined in ``__main__`` so that cloudpickle ships it to the Dask workers by
value. Test code only: nothing in wirefeed uses it.
"""
import sys

from apache_beam import pvalue
from apache_beam.runners.common import DoFnInvoker
from apache_beam.runners.dask import transform_evaluator as te
from apache_beam.runners.dask.dask_runner import DaskRunner
from apache_beam.transforms.sideinputs import SideInputMap
from apache_beam.utils.windowed_value import WindowedValue


def _bundle_all_outputs(items, invoker_args, invoker_kwargs, receivers):
    """``te.apply_dofn_to_bundle`` with finish_bundle's outputs kept, and
    every output returned as (tag or None, value)."""
    invoker = DoFnInvoker.create_invoker(*invoker_args, **invoker_kwargs)
    invoker.invoke_setup()
    invoker.invoke_start_bundle()
    for item in items:
        invoker.invoke_process(item)
    invoker.invoke_finish_bundle()
    invoker.invoke_teardown()
    out = []
    for value in receivers.values:
        if isinstance(value, te.TaggedOutput):
            tag, value = value.tag, value.value
        else:
            tag = None
        out.append((tag, value.value if isinstance(value, WindowedValue) else value))
    return out


class _TaggedParDo(te.ParDo):
    def apply(self, input_bag, side_inputs=None):
        # te.ParDo.apply with the bundle function swapped for the fixed one
        transform = self.transform
        args, kwargs = transform.raw_side_inputs
        main_input = next(iter(self.applied.main_inputs.values()))
        window_fn = getattr(main_input, 'windowing', None)
        window_fn = window_fn.windowfn if window_fn is not None else None
        receivers = te.OneReceiver()
        invoker_args = [
            te.DoFnSignature(transform.fn),
            te._OutputHandler(
                window_fn=window_fn, main_receivers=receivers[None],
                tagged_receivers=receivers, per_element_output_counter=None,
                output_batch_converter=None, process_yields_batches=False,
                process_batch_yields_elements=False)]
        invoker_kwargs = dict(
            context=te.DoFnContext(transform.label, state=None),
            side_inputs=side_inputs, input_args=list(args), input_kwargs=kwargs,
            user_state_context=None, bundle_finalizer_param=te.DoFn.BundleFinalizerParam())
        return input_bag.map(te.get_windowed_value, window_fn).map_partitions(
            _bundle_all_outputs, invoker_args, invoker_kwargs, receivers)


def _select(tag):
    def pick(items):
        return [v for t, v in items if t == tag]
    return pick


class FixedDaskRunner(DaskRunner):
    @staticmethod
    def to_dask_bag_visitor(bag_kwargs=None):
        visitor = DaskRunner.to_dask_bag_visitor(bag_kwargs)
        tagged = set()   # producers whose bag holds (tag, value) pairs

        def bag_of(pcoll):
            bag = visitor.bags.get(pcoll.producer)
            if bag is not None and pcoll.producer in tagged:
                bag = bag.map_partitions(_select(pcoll.tag))
            return bag

        def visit_transform(node):
            op_class = te.TRANSLATIONS.get(node.transform.__class__, te.NoOp)
            if op_class is te.ParDo:
                op_class = _TaggedParDo
            op = op_class(node, bag_kwargs=bag_kwargs or {})
            kws = {'input_bag': None, 'side_inputs': None}
            inputs = list(node.inputs)
            if inputs:
                bags = [None if isinstance(i, pvalue.PBegin) else bag_of(i) for i in inputs]
                bags = [b for b in bags if b is not None] or [None]
                if len(bags) == 1 and not isinstance(op, te.Flatten):
                    kws['input_bag'] = bags[0]
                else:
                    kws['input_bag'] = bags
            if node.side_inputs:
                kws['side_inputs'] = [
                    SideInputMap(type(si), si._view_options(),
                                 te.DaskBagWindowedIterator(bag_of(si.pvalue),
                                                            si._window_mapping_fn))
                    for si in node.side_inputs]
            visitor.bags[node] = op.apply(**kws)
            if isinstance(op, _TaggedParDo):
                tagged.add(node)

        visitor.visit_transform = visit_transform
        return visitor


if __name__ == '__main__':
    from pipeline.cli import main
    sys.exit(main(['run', '--runner', '__main__.FixedDaskRunner'] + sys.argv[1:]))
