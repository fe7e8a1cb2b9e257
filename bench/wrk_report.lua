-- wrk's own summary lacks p95; bench/pages.py reads this one line instead.
-- Latencies are in microseconds; non-2xx/3xx answers count in errors.status.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d max_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
