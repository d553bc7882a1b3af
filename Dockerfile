# mailbot: the worker (poll IMAP, process, reply by SMTP, daily digest).
# Configuration comes from /etc/mailbot/mailbot.toml and MAILBOT_* environment variables
# (set database_url in the file);
# passwords only from the environment (MAILBOT_IMAP__PASSWORD, MAILBOT_SMTP__PASSWORD).
FROM python:3.11-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY mailbot ./mailbot
COPY parsers ./parsers
COPY rules ./rules
COPY db ./db
RUN python -m venv /opt/mailbot \
    && /opt/mailbot/bin/pip install --no-cache-dir '.[postgres]'

FROM python:3.11-slim-bookworm

LABEL org.opencontainers.image.title="mailbot" \
      org.opencontainers.image.description="Registration inbox to sign-up registry"
# No MAILBOT_DATABASE_URL here: the environment wins over the config file, so a default set
# in the image would silently replace database_url from /etc/mailbot/mailbot.toml. Without
# one, database_url's default sqlite:///mailbot.db lands in the volume (the WORKDIR below).
ENV PATH="/opt/mailbot/bin:$PATH" \
    PYTHONUNBUFFERED=1
RUN groupadd --system --gid 10001 mailbot \
    && useradd --system --uid 10001 --gid mailbot --home-dir /var/lib/mailbot --shell /usr/sbin/nologin mailbot \
    && mkdir -p /var/lib/mailbot /etc/mailbot \
    && chown mailbot:mailbot /var/lib/mailbot
COPY --from=build /opt/mailbot /opt/mailbot
USER 10001:10001
WORKDIR /var/lib/mailbot
VOLUME ["/var/lib/mailbot"]
# Healthy while the configuration and the database are fine, no login stands refused and the
# worker read its mailbox lately; it never logs in itself (see mailbot check --quick).
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 \
    CMD ["mailbot", "check", "--quick", "--config", "/etc/mailbot/mailbot.toml"]
CMD ["mailbot", "run", "--config", "/etc/mailbot/mailbot.toml"]
