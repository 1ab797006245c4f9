# syntax=docker/dockerfile:1
# Launch Control as a container: built in stages so that the dependencies,
# which change rarely, are compiled in a layer of their own (cargo-chef), and
# shipped as one binary on a slim Debian, run by a user without privileges.
# Templates, catalogs, migrations and static files are compiled into it.

FROM rust:1-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /build

# The dependency list alone: this layer, and the next stage's `cook`, change
# only when Cargo.toml or Cargo.lock do.
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json --bin launch-control
COPY . .
RUN cargo build --release --locked --bin launch-control

FROM debian:bookworm-slim AS runtime
# No curl and no CA bundle: the health check is the binary's own
# `launch-control healthcheck`, and TLS to PostgreSQL uses the roots compiled in.
RUN groupadd --system --gid 10001 launch-control \
 && useradd --system --uid 10001 --gid launch-control --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin launch-control
COPY --from=builder /build/target/release/launch-control /usr/local/bin/launch-control
USER 10001:10001
# In a container the database is always DATABASE_URL (no private cluster);
# set it when running the image.
ENV BIND_ADDR=0.0.0.0:8080 \
    LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["launch-control", "healthcheck"]
# SIGTERM drains the requests under way for at most 10 s, then the process ends.
STOPSIGNAL SIGTERM
ENTRYPOINT ["launch-control"]
