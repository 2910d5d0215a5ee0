#!/usr/bin/env bash
# Fuzzes Temper's readers with libFuzzer (see fuzz/README.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]      # each target for SECONDS (default 60); all targets by default
#   scripts/fuzz.sh --list                   # the targets
#
# Builds the library modules with coverage instrumentation and AddressSanitizer into .build-fuzz
# (apart from .build, so normal builds are untouched), links one fuzzer per fuzz/targets/*.swift,
# and runs each for SECONDS on a corpus in .build-fuzz/work/TARGET (kept between runs), seeded
# from corpora/ and the shared data sets, plus fuzz/regressions/TARGET. Prints executions,
# coverage and crashes per target.
#
# Exit status: 0 when no target crashed; 1 when one did (its input is kept in fuzz/crashes/TARGET/
# and the command to replay it is printed); 2 when the build failed; 77 when this Swift toolchain
# cannot build fuzzers (no libFuzzer), so callers such as CI can skip.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=()
for file in fuzz/targets/*.swift; do all_targets+=("$(basename "$file" .swift)"); done
if [[ ${1:-} == --list ]]; then printf '%s\n' "${all_targets[@]}"; exit 0; fi

seconds=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ -f fuzz/targets/$target.swift ]] || { echo "fuzz: no target '$target' (targets: ${all_targets[*]})" >&2; exit 2; }
done

scratch=.build-fuzz
modules=$scratch/release
fuzzers=$scratch/fuzzers
mkdir -p "$fuzzers"

# --- Toolchain: swiftc must link libFuzzer (Linux toolchains from swift.org do; Xcode's does not).
probe=$fuzzers/probe
echo '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> Int32 { 0 }' > "$probe.swift"
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$probe.swift" -o "$probe" > "$probe.log" 2>&1; then
    echo "fuzz: skipped: this Swift toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer,address failed):" >&2
    sed 's/^/    /' "$probe.log" | head -5 >&2
    exit 77
fi

# --- Library modules, instrumented. One -sanitize=fuzzer,address: swiftc keeps only the last of
# several -sanitize flags, which is what `swift build --sanitize fuzzer --sanitize address` passes.
# The C targets (ICU glue, libyaml) get coverage and AddressSanitizer too. -enable-testing lets
# the targets reach internal readers (@testable).
echo "fuzz: building the library modules (instrumented, AddressSanitizer) into $scratch ..."
if ! swift build -c release --scratch-path "$scratch" --target TemperPipeline \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
        -Xcc -fsanitize=fuzzer-no-link,address > "$scratch/build.log" 2>&1; then
    tail -40 "$scratch/build.log" >&2
    echo "fuzz: the build failed (log: $scratch/build.log)" >&2
    exit 2
fi

# Coverage is what guides the fuzzer: make sure the library has it.
if command -v objdump > /dev/null &&
        [[ $(objdump -h "$modules/TemperIO.build/JSONParser.swift.o" | grep -c __sancov_cntrs) -eq 0 ]]; then
    echo "fuzz: the library modules were built without coverage instrumentation" >&2
    exit 2
fi

objects=()
for module in TemperIO TemperText TemperSentiment TemperConversation TemperKPI TemperPipeline CICU \
              Yams CYaml HeapModule InternalCollectionsUtilities; do
    while IFS= read -r -d '' object; do objects+=("$object"); done < <(find "$modules/$module.build" -name '*.o' -print0)
done
clang_modules=(-Xcc -fmodule-map-file="$modules/CICU.build/module.modulemap" -Xcc -I -Xcc Sources/CICU/include
               -Xcc -fmodule-map-file="$scratch/checkouts/Yams/Sources/CYaml/include/module.modulemap")

# Shared sources per target: the conversation-reading targets also assess what they read.
sources_for() {
    case $1 in
        conversations|rows-csv|rows-jsonl|tweets) echo fuzz/Support.swift fuzz/ConversationChecks.swift ;;
        *) echo fuzz/Support.swift ;;
    esac
}
dictionary_for() {
    case $1 in
        rows-csv) echo fuzz/csv.dict ;;
        scorecard|merge) echo fuzz/json.dict ;;
        tokenizer|lexicon|anatomy) echo fuzz/text.dict ;;
        *) echo fuzz/json.dict ;;
    esac
}

# Links fuzzer $1 unless it is newer than its sources and the modules.
link() {
    local target=$1 binary=$fuzzers/$1
    # shellcheck disable=SC2046
    local sources=($(sources_for "$target") "fuzz/targets/$target.swift")
    if [[ -x $binary && -z $(find "${sources[@]}" "${objects[@]}" -newer "$binary" -print -quit) ]]; then return; fi
    echo "fuzz: linking $target"
    if ! swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_${target//-/_}" \
            -I "$modules/Modules" "${clang_modules[@]}" "${sources[@]}" "${objects[@]}" \
            -licuuc -licui18n -licudata -o "$binary" > "$fuzzers/$target.log" 2>&1; then
        grep -v 'ld.gold: warning' "$fuzzers/$target.log" | tail -30 >&2
        echo "fuzz: linking $target failed" >&2
        exit 2
    fi
}
for target in "${targets[@]}"; do link "$target"; done

# --- Runs. Allocation stacks off by default: they halve the speed, and a report keeps the
# stack of the bad access (set ASAN_OPTIONS to choose otherwise).
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}
crashed=0
summary=()
for target in "${targets[@]}"; do
    work=$scratch/work/$target
    crashes=fuzz/crashes/$target
    mkdir -p "$work/corpus" "$crashes"
    rm -rf "$work/seeds"
    mkdir -p "$work/seeds"
    if [[ $target == merge ]]; then
        # Partials and scorecards, made by the scorecard fuzzer from the facts seeds.
        link scorecard
        mkdir -p "$work/facts-seeds"
        python3 fuzz/seeds.py facts "$work/facts-seeds"
        TEMPER_FUZZ_WRITE_SEEDS=$work/seeds SWIFT_BACKTRACE=enable=no "$fuzzers/scorecard" "$work/facts-seeds"/* > "$work/seeds.log" 2>&1 || true
    elif command -v python3 > /dev/null; then
        python3 fuzz/seeds.py "$target" "$work/seeds"
    else
        echo "fuzz: no python3, so no seeds from corpora/: $target starts from its regressions and corpus only" >&2
    fi
    inputs=("$work/corpus" "$work/seeds")
    [[ -d fuzz/regressions/$target ]] && inputs+=("fuzz/regressions/$target")
    max_len=4096
    [[ $target == tokenizer || $target == anatomy ]] && max_len=1024
    echo "fuzz: $target for ${seconds}s ..."
    log=$work/run.log
    status=0
    # Swift's own crash backtracer would race libFuzzer's and AddressSanitizer's reports.
    SWIFT_BACKTRACE=enable=no "$fuzzers/$target" -max_total_time="$seconds" -timeout=10 -max_len=$max_len -dict="$(dictionary_for "$target")" \
        -artifact_prefix="$crashes/" -print_final_stats=1 "${inputs[@]}" > "$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | grep -E 'cov: [0-9]+' | tail -1 || true)
    cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<< "$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
    corpus=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<< "$last")
    artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
    outcome="ok"
    if [[ $status -ne 0 ]]; then
        crashed=1
        outcome="CRASH"
        echo "fuzz: $target crashed (status $status); the input is kept in ${artifact:-$crashes/}" >&2
        grep -E 'Fatal error|invariant broken|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY' "$log" | head -5 | sed 's/^/    /' >&2
        echo "    replay: $fuzzers/$target ${artifact:-CRASH_FILE}   (full log: $log)" >&2
    fi
    summary+=("$(printf '%-14s %6ss %13s %9s %7s %7s %13s %7s  %s' "$target" "$seconds" "${executions:-?}" "${per_second:-?}" \
        "${cov:-?}" "${ft:-?}" "${corpus:-?}" "${rss:-?}" "$outcome")")
done

echo
printf '%-14s %7s %13s %9s %7s %7s %13s %7s  %s\n' target time executions exec/s cov ft corpus rss_mb result
printf '%s\n' "${summary[@]}"
exit $crashed
