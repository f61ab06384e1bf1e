# A minimal image of ifacelint: one static binary on an empty base, run as
# an unprivileged user, no shell. Mount the repository at /src:
#
#   docker build -t ifacelint --build-arg VERSION=$(git describe --tags) .
#   docker run --rm -v "$PWD:/src" ifacelint lint
#
# The build stage uses the Go release the module asks for (go.mod).
FROM golang:1.26 AS build
ARG VERSION=v0.0.0-dev
WORKDIR /build
COPY go.mod go.sum ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/ifacelint ./cmd/ifacelint \
 && mkdir -p /out/src /out/tmp && chmod 1777 /out/tmp

FROM scratch
LABEL org.opencontainers.image.title="ifacelint" \
      org.opencontainers.image.description="Lint an interface inventory against security policies" \
      org.opencontainers.image.source="https://github.com/ifacelint/ifacelint" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /out/ifacelint /usr/local/bin/ifacelint
COPY --from=build /build/LICENSE /build/THIRD_PARTY_NOTICES /usr/share/doc/ifacelint/
COPY --from=build --chown=65532:65532 /out/src /src
COPY --from=build /out/tmp /tmp
USER 65532:65532
WORKDIR /src
ENV HOME=/tmp
ENTRYPOINT ["/usr/local/bin/ifacelint"]
CMD ["lint"]
