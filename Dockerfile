# The leaving-care service for a council's own servers. docker-compose.yml runs this one image as
# the web app (gunicorn), the Celery worker, Celery beat and the one-off migration.

# --- Stage 1: GOV.UK Frontend and MOJ Frontend, built exactly as the Makefile's frontend target.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/src static/src
RUN mkdir -p static/dist/assets \
    && npx sass --no-source-map --load-path=. --load-path=node_modules --style=compressed \
        --quiet-deps --silence-deprecation=global-builtin static/src/app.scss static/dist/app.css \
    && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/dist/ \
    && cp node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js static/dist/ \
    && cp static/src/timeout.mjs static/dist/ \
    && cp static/src/progress.mjs static/dist/ \
    && cp -r node_modules/@ministryofjustice/frontend/moj/assets/images static/dist/assets/ \
    && cp node_modules/govuk-frontend/dist/govuk/assets/images/govuk-crest.svg static/dist/assets/images/

# --- Stage 2: the Python application.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# psycopg[binary] brings its own libpq. WeasyPrint (plan PDFs) needs Pango, HarfBuzz's subsetter
# and a font with Arial's metrics.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        fonts-liberation libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

# The processes run as this user. The code stays owned by root, so they cannot change it; they
# write only to /var/lib/careleavers (uploaded and generated files, the beat schedule).
RUN groupadd --system --gid 10001 careleavers \
    && useradd --system --uid 10001 --gid careleavers --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin careleavers \
    && mkdir -p /var/lib/careleavers/media /var/lib/careleavers/documents \
    && chown -R careleavers:careleavers /var/lib/careleavers

WORKDIR /app

# The pinned dependencies from pyproject.toml, without the test extras, in their own layer so a
# change to the code does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The application runs from /app (PYTHONPATH above), where its templates and static files sit
# beside the packages; installing it into site-packages as well would leave a second copy without
# them.
COPY . .
COPY --from=frontend /build/static/dist static/dist

# Production settings refuse to start without these, but collectstatic never uses them: throwaway
# values for this one step only, never baked into the image.
RUN DEBUG=false \
    ENV_FILE=/nonexistent \
    SECRET_KEY=build-only-collectstatic-key-never-used-to-sign-anything-at-all \
    ALLOWED_HOSTS=localhost \
    EMAIL_URL=consolemail:// \
    DEFAULT_FROM_EMAIL=build@localhost \
    python manage.py collectstatic --noinput --verbosity 0

USER careleavers
EXPOSE 8000

# docker-compose.yml gives each service its own command; this default serves the web app.
CMD ["sh", "-c", "exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers \"${GUNICORN_WORKERS:-3}\" --threads \"${GUNICORN_THREADS:-4}\" --timeout 60 --access-logfile -"]
