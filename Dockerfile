# syntax=docker/dockerfile:1
# Build: the SQLite driver needs cgo.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags="-s -w" -o /out/roviec .

# Run: a small Debian image, a non-root user, the database on a volume.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /data --shell /usr/sbin/nologin roviec \
    && mkdir -p /data && chown roviec /data
COPY --from=build /out/roviec /usr/local/bin/roviec
USER roviec
WORKDIR /data
VOLUME ["/data"]
ENV ROVIEC_ADDR=:8080 ROVIEC_DATABASE=/data/roviec.db ROVIEC_TZ=Asia/Ho_Chi_Minh
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["roviec", "healthcheck"]
ENTRYPOINT ["roviec"]
CMD ["serve"]
