# Stand-in for the official postgres:<major>.<minor>-<suite> image: Debian's PostgreSQL with an
# entrypoint that keeps the official contract (POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB,
# PGDATA, /docker-entrypoint-initdb.d on first run).
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
ARG PG_MAJOR
LABEL org.todo-chatbot.stand-in="Debian postgresql-${PG_MAJOR}; not the upstream image"
# uid/gid 999 as in the official image, so the chart's runAsUser fits both.
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \
 && apt-get update \
 && apt-get install -y --no-install-recommends "postgresql-${PG_MAJOR}" \
 && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/* /etc/postgresql \
 && mkdir -p /var/lib/postgresql /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown postgres:postgres /var/lib/postgresql /var/run/postgresql \
 && chmod 3777 /var/run/postgresql
ENV PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
