#!/usr/bin/env bash
# Builds mcpshim: the native AOT binary, the server images, the tests and the benchmarks.
# Run ./build.sh --help for the commands. Progress goes to stderr; full docker logs to artifacts/logs/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
artifacts="$repo/artifacts"
logs="$artifacts/logs"
docker="${DOCKER:-docker}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
    cat <<'EOF'
Usage: ./build.sh [COMMAND] [OPTIONS] [-- ARGS]

Commands:
  all (default)     publish, then images (images are skipped with a warning when Docker is not reachable)
  publish           native AOT binary -> artifacts/bin/mcpshim
  images [NAME...]  build images/<NAME>/Dockerfile (default: every image but base) as mcpshim/<NAME>:latest,
                    :<org.opencontainers.image.version> and :sha-<first 12 hex of the image id>; the replaced
                    :latest stays as :previous
  test-images       build the deliberately bad images under tests/images as mcpshim-test/<NAME>:latest
  test              publish, images, test-images, `dotnet test McpShim.sln -c Release` (ARGS go to dotnet test),
                    then the smoke tests `mcpshim test --all` of the built-in profiles
                    (JUnit: artifacts/test-results/smoke.xml); fails if any of them fails
  bench             publish, then run tests/McpShim.Benchmarks (ARGS go to the benchmark)

Options:
  --rid RID           runtime identifier for publish (default: this machine's, e.g. linux-x64, osx-arm64)
  --base-image IMG    base for the images (default: debian:{suite}-slim; env MCPSHIM_BASE_IMAGE). Each Dockerfile
                      names its Debian suite (ARG BASE_IMAGE=debian:SUITE-slim) and gets it swapped into IMG, at
                      {suite} or for the suite named in IMG (mcpshim/base:bookworm -> mcpshim/base:trixie).
                      When the default cannot be pulled (no registry) a local mcpshim/base:SUITE is used, and
                      made with images/base/make-base.sh (debootstrap, root) if there is none yet
  --ca-bundle FILE    extra CA bundle (PEM) trusted by npm/pip inside image builds only, for TLS-intercepting
                      proxies (env MCPSHIM_CA_BUNDLE). Never copied into a final image. Default: the host's own
                      bundle (/etc/ssl/certs/ca-certificates.crt and the like), so the build trusts what the host
                      trusts; "none" for the image's own CAs alone
  -p:NAME=VALUE       MSBuild property for publish/test, e.g. -p:ShimTargetFramework=net10.0 (the default)
  -h, --help          this help

Environment:
  MCPSHIM_REQUIRE_DOCKER=1   fail instead of skipping Docker work (and Docker tests) when the engine is unreachable
  DOCKER                     engine CLI (default: docker)

Examples:
  ./build.sh                                   # binary + images
  ./build.sh publish --rid linux-arm64
  ./build.sh images everything --base-image 'mcpshim/base:{suite}' --ca-bundle none
  ./build.sh test -- --filter 'FullyQualifiedName~Relay'
EOF
}

log() { printf '[build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- arguments ----------------------------------------------------------------------------------------------
command=""
rid=""
base_image="${MCPSHIM_BASE_IMAGE:-debian:{suite\}-slim}"
base_chosen=0   # 1 when --base-image or MCPSHIM_BASE_IMAGE names the base: then it is used as given
[[ -n "${MCPSHIM_BASE_IMAGE:-}" ]] && base_chosen=1
ca_bundle="${MCPSHIM_CA_BUNDLE:-}"
msbuild_props=()
names=()
passthrough=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --rid) rid="${2:?--rid needs a value}"; shift ;;
        --rid=*) rid="${1#*=}" ;;
        --base-image) base_image="${2:?--base-image needs a value}"; base_chosen=1; shift ;;
        --base-image=*) base_image="${1#*=}"; base_chosen=1 ;;
        --ca-bundle) ca_bundle="${2:?--ca-bundle needs a value}"; shift ;;
        --ca-bundle=*) ca_bundle="${1#*=}" ;;
        -p:*|/p:*) msbuild_props+=("$1") ;;
        --) shift; passthrough=("$@"); break ;;
        -*)
            # bench takes the benchmark's own options without a `--`.
            if [[ "$command" == bench ]]; then passthrough=("$@"); break; fi
            die "unknown option '$1' (see ./build.sh --help)" ;;
        *)
            if [[ -z "$command" ]]; then command="$1"; else names+=("$1"); fi ;;
    esac
    shift
done
command="${command:-all}"

if [[ -z "$ca_bundle" ]]; then
    # The host's trust store: a TLS-intercepting proxy's CA is in it where the host's own npm works.
    for candidate in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
        if [[ -r "$candidate" ]]; then ca_bundle="$candidate"; break; fi
    done
elif [[ "$ca_bundle" == none ]]; then
    ca_bundle=""
fi
if [[ -n "$ca_bundle" && ! -r "$ca_bundle" ]]; then
    die "CA bundle '$ca_bundle' is not readable (--ca-bundle / MCPSHIM_CA_BUNDLE)"
fi

detect_rid() {
    local os arch
    case "$(uname -s)" in
        Linux)
            os=linux
            if [[ -f /etc/alpine-release ]] || (ldd --version 2>&1 | grep -qi musl); then os=linux-musl; fi ;;
        Darwin) os=osx ;;
        *) die "cannot tell the runtime identifier for $(uname -s); pass --rid (e.g. win-x64 via build.ps1)" ;;
    esac
    case "$(uname -m)" in
        x86_64|amd64) arch=x64 ;;
        aarch64|arm64) arch=arm64 ;;
        *) die "unsupported CPU $(uname -m); pass --rid" ;;
    esac
    echo "$os-$arch"
}

docker_reachable() {
    command -v "$docker" >/dev/null 2>&1 || return 1
    # A wedged daemon must not hang the build; macOS has no `timeout` by default.
    if command -v timeout >/dev/null; then timeout 30 "$docker" info >/dev/null 2>&1; else "$docker" info >/dev/null 2>&1; fi
}

# ---- publish ------------------------------------------------------------------------------------------------
publish() {
    command -v dotnet >/dev/null || die "dotnet not found: install the .NET SDK from global.json"
    rid="${rid:-$(detect_rid)}"
    if [[ "$rid" == linux* ]] && ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
        die "native AOT on Linux needs a C toolchain as linker: apt-get install clang zlib1g-dev (or gcc)"
    fi
    local started=$SECONDS
    log "publish: native AOT for $rid -> artifacts/bin/mcpshim"
    dotnet publish "$repo/src/McpShim/McpShim.csproj" -c Release -r "$rid" -o "$artifacts/bin" \
        ${msbuild_props[@]+"${msbuild_props[@]}"} >&2 \
        || die "publish failed after $((SECONDS - started)) s (see the dotnet output above)"
    local binary="$artifacts/bin/mcpshim"
    [[ "$rid" == win* ]] && binary+=".exe"
    [[ -x "$binary" ]] || die "publish succeeded but $binary is missing"
    # The sandbox launcher of local servers (Linux only), compiled by the publish beside mcpshim, which finds it there.
    if [[ "$rid" == linux* && ! -x "$artifacts/bin/mcpshim-sandbox" ]]; then
        log "publish: warning: no artifacts/bin/mcpshim-sandbox (see the dotnet output above); sandboxed local servers start slower, through mcpshim itself"
    fi
    log "publish: done in $((SECONDS - started)) s ($(du -h "$binary" | cut -f1) $binary)"
}

# ---- images -------------------------------------------------------------------------------------------------
all_image_names() {
    local dir
    for dir in "$repo"/images/*/; do
        dir="${dir%/}"
        [[ "${dir##*/}" != base && -f "$dir/Dockerfile" ]] && echo "${dir##*/}"
    done
}

# The negative-test images under tests/images (deliberately bad servers for `mcpshim test`), as mcpshim-test/NAME.
all_test_image_names() {
    local dir
    for dir in "$repo"/tests/images/*/; do
        dir="${dir%/}"
        [[ -f "$dir/Dockerfile" ]] && echo "${dir##*/}"
    done
}

# The Debian suite an image is built on, read from its Dockerfile's `ARG BASE_IMAGE=debian:SUITE-slim` default (the
# one place it is written, so a plain `docker build` agrees). Empty for an image without that ARG (FROM another image).
image_suite() {
    sed -n 's/^ARG BASE_IMAGE=debian:\([a-z]*\)-slim[[:space:]]*$/\1/p' "$1" | head -n 1
}

# --base-image names the base for one suite; other suites get the same name with the suite swapped, e.g.
# mcpshim/base:bookworm -> mcpshim/base:trixie, debian:bookworm-slim -> debian:trixie-slim. "{suite}" is explicit.
base_for_suite() {
    local suite="$1" known
    if [[ "$base_image" == *"{suite}"* ]]; then echo "${base_image//\{suite\}/$suite}"; return; fi
    for known in bullseye bookworm trixie forky sid; do
        if [[ "$base_image" == *"$known"* ]]; then echo "${base_image//$known/$suite}"; return; fi
    done
    echo "$base_image"
}

# The default base (debian:SUITE-slim) when it is local or can be pulled. Otherwise, where no registry answers,
# mcpshim/base:SUITE: the one made before by images/base/make-base.sh, or made now when debootstrap and root allow.
# A base named with --base-image or MCPSHIM_BASE_IMAGE is used as given.
resolve_base() {
    local suite="$1" base local_base
    base="$(base_for_suite "$suite")"
    if [[ $base_chosen -eq 1 ]] || "$docker" image inspect "$base" >/dev/null 2>&1; then echo "$base"; return; fi
    local_base="mcpshim/base:$suite"
    if "$docker" image inspect "$local_base" >/dev/null 2>&1; then
        log "images: base '$base' is not local; using the local '$local_base' (from images/base/make-base.sh)"
        echo "$local_base"; return
    fi
    log "images: base '$base' ($suite) is not local; pulling it"
    # pipefail: the condition fails when the pull does.
    if "$docker" pull "$base" 2>&1 | tee "$logs/pull-$suite.log" | sed 's/^/  /' >&2; then echo "$base"; return; fi
    if command -v debootstrap >/dev/null 2>&1 && [[ $EUID -eq 0 ]]; then
        log "images: '$base' could not be pulled ($(tail -n 1 "$logs/pull-$suite.log")); making '$local_base' with debootstrap instead (about a minute, once)"
        if "$repo/images/base/make-base.sh" "$local_base" "$suite" >&2; then echo "$local_base"; return; fi
        log "images: make-base.sh failed; the build will try '$base' as written"
    fi
    echo "$base"
}

# Known failure causes in a docker build log, said in words a user can act on.
explain_build_failure() {
    local log_file="$1" base="$2" suite="$3"
    if grep -qE 'SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT|unable to get local issuer certificate|CERTIFICATE_VERIFY_FAILED' "$log_file"; then
        log "hint: TLS to the package registry failed inside the build${ca_bundle:+ (extra CA: $ca_bundle)}. Behind a"
        log "      TLS-intercepting proxy pass a bundle holding its CA: ./build.sh images --ca-bundle FILE.pem"
    fi
    if grep -qE 'pull access denied|manifest unknown|registry-1\.docker\.io|failed to resolve|TLS handshake timeout|No such image' "$log_file"; then
        log "hint: the base image '$base' could not be pulled. Without registry access build one locally:"
        log "      images/base/make-base.sh mcpshim/base:${suite:-trixie} ${suite:-trixie} && ./build.sh images --base-image 'mcpshim/base:{suite}'"
    fi
    if grep -qE 'EBADENGINE|Unsupported engine|SyntaxError: Unexpected token' "$log_file"; then
        log "hint: the package wants a newer node than the base's; check 'npm view PKG engines' and the Dockerfile's BASE_IMAGE suite"
    fi
}

built_rows=()   # "name|tags|seconds|MiB" for the summary
failed_images=()

# build_image KIND NAME: KIND is "image" (images/NAME -> mcpshim/NAME) or "test" (tests/images/NAME -> mcpshim-test/NAME).
build_image() {
    local kind="$1" name="$2"
    local dir="$repo/images/$name" repo_tag="mcpshim/$name" known
    if [[ "$kind" == test ]]; then dir="$repo/tests/images/$name"; repo_tag="mcpshim-test/$name"; fi
    if [[ ! -f "$dir/Dockerfile" ]]; then
        if [[ "$kind" == test ]]; then known="$(all_test_image_names | tr '\n' ' ')"; else known="$(all_image_names | tr '\n' ' ')"; fi
        die "no ${dir#"$repo"/}/Dockerfile (known: $known)"
    fi
    local context="$artifacts/docker-context/$kind-$name"
    local log_file="$logs/$kind-$name.log"
    local started=$SECONDS

    # A private copy of the context, so the optional CA bundle never lands in the source tree.
    rm -rf "$context"
    mkdir -p "$context" "$logs"
    cp -a "$dir/." "$context/"
    if [[ -n "$ca_bundle" ]]; then cp "$ca_bundle" "$context/extra-ca.pem"; else : >"$context/extra-ca.pem"; fi

    local suite base="" build_args=()
    suite="$(image_suite "$dir/Dockerfile")"
    if [[ -n "$suite" ]]; then
        base="$(resolve_base "$suite")"
        build_args=(--build-arg "BASE_IMAGE=$base")
    fi
    local old_id
    old_id="$("$docker" image inspect --format '{{.Id}}' "$repo_tag:latest" 2>/dev/null || true)"

    local from="FROM as written in its Dockerfile"
    [[ -n "$base" ]] && from="base $base"
    log "images: [$image_index/$image_count] $repo_tag ($from${ca_bundle:+, extra CA $ca_bundle}); log: ${log_file#"$repo"/}"
    : >"$log_file"
    # Echo each Dockerfile step with the elapsed time; everything goes to the log.
    # The label lets `mcpshim prune` find this image once a rebuild leaves it dangling (it removes only labelled ones).
    if ! "$docker" build ${build_args[@]+"${build_args[@]}"} --label io.mcpshim.managed=true -t "$repo_tag:latest" "$context" 2>&1 \
        | while IFS= read -r line; do
              line="${line//$'\e'\[[0-9]m/}"; line="${line//$'\e'\[[0-9][0-9]m/}"  # legacy builder's colours
              printf '%s\n' "$line" >>"$log_file"
              if [[ "$line" =~ ^(Step\ [0-9]+/|#[0-9]+\ \[) ]]; then  # legacy builder | BuildKit (plain)
                  printf '  %-20s %4ds  %s\n' "$name" $((SECONDS - started)) "${line:0:100}" >&2
              fi
          done
    then
        log "images: $repo_tag FAILED after $((SECONDS - started)) s; last lines of ${log_file#"$repo"/}:"
        tail -n 40 "$log_file" | sed 's/^/  | /' >&2
        explain_build_failure "$log_file" "$base" "$suite"
        failed_images+=("$repo_tag")
        return 0
    fi

    # Tags: :latest, :<org.opencontainers.image.version>, :sha-<12 hex of the image id> (content-addressed: the same
    # tag always means the same bytes), and the replaced :latest kept as :previous for a roll-back.
    local new_id version size tags=(latest) digest_tag
    new_id="$("$docker" image inspect --format '{{.Id}}' "$repo_tag:latest")"
    if [[ -n "$old_id" && "$old_id" != "$new_id" ]]; then
        "$docker" tag "$old_id" "$repo_tag:previous"
        log "images: previous $repo_tag:latest kept as $repo_tag:previous (roll back: docker tag $repo_tag:previous $repo_tag:latest)"
    fi
    version="$("$docker" image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "$repo_tag:latest")"
    if [[ -n "$version" && "$version" != "<no value>" ]]; then
        "$docker" tag "$repo_tag:latest" "$repo_tag:$version"
        tags+=("$version")
    fi
    digest_tag="sha-${new_id#sha256:}"
    digest_tag="${digest_tag:0:16}"
    "$docker" tag "$repo_tag:latest" "$repo_tag:$digest_tag"
    tags+=("$digest_tag")
    size="$("$docker" image inspect --format '{{.Size}}' "$repo_tag:latest")"
    local tag_list
    tag_list="$(IFS=' '; echo "${tags[*]/#/:}")"
    log "images: $repo_tag $tag_list built in $((SECONDS - started)) s ($((size / 1024 / 1024)) MiB)"
    built_rows+=("$repo_tag|$tag_list|$((SECONDS - started))|$((size / 1024 / 1024))")
}

image_index=0
image_count=0

# build_images KIND [NAME...]: every image of that kind when no name is given; a summary table at the end.
build_images() {
    local kind="$1"; shift
    docker_reachable || die "the container engine is not reachable ('$docker info' failed); start it or set DOCKER"
    local list=("$@") name started=$SECONDS
    if [[ ${#list[@]} -eq 0 ]]; then
        if [[ "$kind" == test ]]; then
            while IFS= read -r name; do list+=("$name"); done < <(all_test_image_names)
        else
            while IFS= read -r name; do list+=("$name"); done < <(all_image_names)
        fi
    fi
    [[ ${#list[@]} -gt 0 ]] || die "no Dockerfile found for '$kind' images"
    built_rows=(); failed_images=(); image_index=0; image_count=${#list[@]}
    for name in "${list[@]}"; do
        image_index=$((image_index + 1))
        build_image "$kind" "$name"
    done

    if [[ ${#built_rows[@]} -gt 0 ]]; then
        printf '  %-30s %-40s %6s %8s\n' IMAGE TAGS SECONDS MIB >&2
        local row r_name r_tags r_seconds r_size
        for row in "${built_rows[@]}"; do
            IFS='|' read -r r_name r_tags r_seconds r_size <<<"$row"
            printf '  %-30s %-40s %6s %8s\n' "$r_name" "$r_tags" "$r_seconds" "$r_size" >&2
        done
    fi
    if [[ ${#failed_images[@]} -gt 0 ]]; then
        die "images: ${#failed_images[@]} of $image_count failed in $((SECONDS - started)) s: ${failed_images[*]} (logs in ${logs#"$repo"/}/)"
    fi
    log "images: $image_count built in $((SECONDS - started)) s"
}

images() { build_images image "$@"; }

# `all` and `test` build images only where an engine is reachable, unless Docker is required.
images_if_possible() {
    if docker_reachable; then
        images
        [[ "$command" == test ]] && build_images test
        return 0
    elif [[ "${MCPSHIM_REQUIRE_DOCKER:-}" == 1 ]]; then
        die "MCPSHIM_REQUIRE_DOCKER=1 but '$docker info' failed"
    else
        log "warning: '$docker info' failed; skipping images (Docker tests will skip). Set MCPSHIM_REQUIRE_DOCKER=1 to fail instead."
    fi
}

# ---- test ---------------------------------------------------------------------------------------------------
run_tests() {
    local started=$SECONDS
    local log_file="$logs/test.log"
    mkdir -p "$logs"
    export MCPSHIM_BINARY="${MCPSHIM_BINARY:-$artifacts/bin/mcpshim}"
    log "test: dotnet test McpShim.sln -c Release (output also in ${log_file#"$repo"/})"
    local rc=0
    # The hang timeout is a safety net for CI's time limit; every test also has its own timeout.
    # -m:1: one test assembly at a time. The Docker tests check timings (fail fast, gone within 10 s) that mean
    # little while the unit tests load both cores.
    dotnet test "$repo/McpShim.sln" -c Release -m:1 \
        --blame-hang-timeout "${MCPSHIM_TEST_HANG_TIMEOUT:-15m}" --blame-hang-dump-type none \
        ${msbuild_props[@]+"${msbuild_props[@]}"} ${passthrough[@]+"${passthrough[@]}"} 2>&1 \
        | tee "$log_file" || rc=$?

    # VSTest prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly.
    local totals
    totals="$(awk '
        /^[[:space:]]*(Passed|Failed)! +- +Failed: / {
            gsub(/,/, " ")
            for (i = 1; i <= NF; i++) {
                if ($i == "Failed:")  f += $(i + 1)
                if ($i == "Passed:")  p += $(i + 1)
                if ($i == "Skipped:") s += $(i + 1)
            }
            n++
        }
        END { printf "%d %d %d %d", p, f, s, n }' "$log_file")"
    local passed failed skipped assemblies
    read -r passed failed skipped assemblies <<<"$totals"
    echo
    if [[ $assemblies -eq 0 ]]; then
        echo "test: FAILED: no test assembly reported results (dotnet test exit $rc); see ${log_file#"$repo"/}"
        return $((rc == 0 ? 1 : rc))
    fi
    if [[ $rc -ne 0 && $failed -eq 0 ]]; then
        echo "test: dotnet test exited $rc without a failed test (build error or crash?); see ${log_file#"$repo"/}"
    fi
    echo "test: $assemblies test assemblies in $((SECONDS - started)) s, docker tests $( [[ "${MCPSHIM_REQUIRE_DOCKER:-}" == 1 ]] && echo required || echo 'skip without an engine')"
    echo "tests: $passed passed, $failed failed, $skipped skipped"
    test_totals=("$passed" "$failed" "$skipped")
    return "$rc"
}

# MCP clients nobody here wrote (tests/clients/package.json, pinned by its lock file), for the integration tests.
install_test_clients() {
    if ! command -v npm >/dev/null 2>&1; then
        log "warning: npm not found; the integration tests that drive third-party MCP clients will skip"
        return 0
    fi
    log "test clients: npm ci in tests/clients"
    npm ci --prefix "$repo/tests/clients" --no-audit --no-fund --loglevel=error >"$logs/test-clients.log" 2>&1 \
        || { tail -n 20 "$logs/test-clients.log" >&2; die "npm ci in tests/clients failed (full log: ${logs#"$repo"/}/test-clients.log)"; }
}

# The smoke tests: `mcpshim test --all` over the built-in profiles, against the images just built.
test_totals=()

run_smoke_tests() {
    if ! docker_reachable; then
        if [[ "${MCPSHIM_REQUIRE_DOCKER:-}" == 1 ]]; then
            log "error: MCPSHIM_REQUIRE_DOCKER=1 but '$docker info' failed; the smoke tests cannot run"
            return 1
        fi
        log "warning: '$docker info' failed; skipping the smoke tests (mcpshim test --all)"
        return 0
    fi
    local results="$artifacts/test-results"
    local config="$results/builtin-profiles.json"
    mkdir -p "$results"
    # Built-in profiles only: a developer's own profiles file must not change what is tested.
    printf '{ "profiles": {} }\n' >"$config"
    # The built-in filesystem profile serves the folder it is started in (its client's project), read-only; a folder
    # inside the home folder (the default allowed root) that is removed afterwards stands in for one.
    local project status=0
    project="$(mktemp -d "$HOME/.mcpshim-smoke.XXXXXX")"
    printf 'a project folder for the smoke tests of the built-in filesystem profile\n' >"$project/README.md"
    log "smoke: mcpshim test --all in ${project} (JUnit: ${results#"$repo"/}/smoke.xml, JSON: ${results#"$repo"/}/smoke.json)"
    (cd "$project" && "${MCPSHIM_BINARY:-$artifacts/bin/mcpshim}" test --all --config "$config" \
        --junit "$results/smoke.xml" --json "$results/smoke.json") || status=$?
    rm -rf "$project"
    return "$status"
}

# ---- commands -----------------------------------------------------------------------------------------------
case "$command" in
    all)
        [[ ${#names[@]} -eq 0 ]] || die "'all' takes no names; use: ./build.sh images ${names[*]}"
        publish
        images_if_possible ;;
    publish)
        [[ ${#names[@]} -eq 0 ]] || die "'publish' takes no names"
        publish ;;
    images)
        images ${names[@]+"${names[@]}"} ;;
    test-images)
        build_images test ${names[@]+"${names[@]}"} ;;
    test)
        [[ ${#names[@]} -eq 0 ]] || die "'test' takes no names; pass dotnet test arguments after --"
        publish
        images_if_possible
        mkdir -p "$logs"
        install_test_clients
        rc=0
        run_tests || rc=$?
        # The smoke tests run even after a failed unit test: CI shows both results.
        smoke_rc=0
        run_smoke_tests || smoke_rc=$?
        if [[ $smoke_rc -ne 0 ]]; then echo "smoke tests: FAILED (exit $smoke_rc); see the table above and artifacts/test-results/smoke.xml"; fi
        if [[ $rc -eq 0 && $smoke_rc -ne 0 ]]; then rc=$smoke_rc; fi
        # The closing line CI reads: the dotnet test totals, with a failed smoke run counted as one failure.
        if [[ ${#test_totals[@]} -eq 3 ]]; then
            echo "tests: ${test_totals[0]} passed, $((test_totals[1] + (smoke_rc != 0 ? 1 : 0))) failed, ${test_totals[2]} skipped"
        fi
        exit "$rc" ;;
    bench)
        publish
        export MCPSHIM_BINARY="${MCPSHIM_BINARY:-$artifacts/bin/mcpshim}"
        log "bench: dotnet run -c Release --project tests/McpShim.Benchmarks -- ${passthrough[*]-}"
        dotnet run -c Release --project "$repo/tests/McpShim.Benchmarks" -- ${names[@]+"${names[@]}"} \
            ${passthrough[@]+"${passthrough[@]}"} ;;
    *)
        die "unknown command '$command' (see ./build.sh --help)" ;;
esac
