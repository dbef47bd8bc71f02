# Strata: the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
PORT ?= 8080

.PHONY: run test build release models bootstrap e2e bench-gateway clean

## Install what is missing, fetch the bundled models, build (release) and serve on 127.0.0.1:$(PORT).
run: bootstrap models release
	./.build/release/strata serve --port $(PORT)

## Run every test: unit and integration (swift test), then end-to-end with the official clients.
test: bootstrap models
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	./Tests/e2e/run.sh

bootstrap:
	@./scripts/bootstrap.sh

models:
	@./scripts/fetch-models.sh

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product strata

e2e: build
	./Tests/e2e/run.sh

## Gateway overhead vs LiteLLM (see bench/gateway/README.md).
bench-gateway:
	./bench/gateway/run.sh

clean:
	rm -rf .build data
