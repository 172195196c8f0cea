# The portal's production image: web (gunicorn), worker and beat all run from it (docker-compose.yml).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1

# gettext for the catalogs, Pango for WeasyPrint's PDFs, the PostgreSQL 15 client for backups.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.9 \
    && useradd --system --create-home --uid 1000 huis

WORKDIR /app
# Dependencies first (cached while only the code changes), exactly as locked, without test tools.
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --locked --no-dev --no-install-project --python /usr/local/bin/python3.12

COPY . .
# Hashed, compressed static files and compiled catalogs are part of the image. The secret key here
# only satisfies the settings for these two commands; it is not in the running containers.
RUN DJANGO_ENV=production ALLOWED_HOSTS=build \
    SECRET_KEY=build-only-not-used-at-runtime-0123456789-abcdefghijklmnopqrstuvwxyz \
    sh -c ".venv/bin/python manage.py compilemessages --ignore=.venv -v 0 \
           && .venv/bin/python manage.py collectstatic --noinput -v 0" \
    && mkdir -p /data/media /data/backups && chown huis:huis /data/media /data/backups

USER huis
ENV PATH=/app/.venv/bin:$PATH \
    DJANGO_ENV=production \
    GUNICORN_BIND=0.0.0.0:8000 \
    MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "huis.wsgi"]
