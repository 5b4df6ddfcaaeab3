-- wrk script for the GET benchmarks: the session cookie from the environment (PAMONG_COOKIE);
-- prints the requests, the errors and non-200 answers, and p50/p95/p99 in milliseconds.
wrk.headers["Cookie"] = os.getenv("PAMONG_COOKIE")
wrk.headers["Accept"] = "text/html"

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, non-200 %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout, failures))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
