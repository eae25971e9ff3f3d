from contextlib import contextmanager

from kombu import pools


@contextmanager
def celery_configured(app, **conf):
    """Point the already-configured Celery app somewhere else for a while.

    Django's `settings` fixture does not reach a Celery app that has read its configuration, so
    tests set `app.conf` and drop the connection pools built for the old broker.
    """
    previous = {key: app.conf[key] for key in conf}
    _drop_pools(app)
    app.conf.update(conf)
    try:
        yield app
    finally:
        _drop_pools(app)
        app.conf.update(previous)


def _drop_pools(app):
    # kombu keeps producer pools in a global registry keyed by broker URL; one left holding a
    # closed connection pool would fail the next publish to that URL.
    pools.reset()
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # The result backend is cached per thread the first time any task runs (eagerly, perhaps).
    app._local.__dict__.pop("backend", None)
