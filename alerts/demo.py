"""The demo opens with its to-do lists filled in: what needs doing for everyone, as of today."""

from careleavers.demo import DemoContext, demo_step

from .alerts import alerts_sync


@demo_step(order=95)
def what_needs_doing(ctx: DemoContext) -> None:
    changes = alerts_sync(on=ctx.today)
    ctx.report.append(f"{len(changes.raised)} things need doing.")
