-- Shared by the wrk scripts (loaded with dofile): counts each thread's answers other than
-- 200 and prints the requests, the errors and non-200 answers, and p50/p95/p99 in ms.
-- wrk runs `response` in each thread's own Lua state and `done` in the main one, so the
-- counts are read back from the threads kept by `setup`.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failures = 0
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do non200 = non200 + (thread:get("failures") or 0) end
  io.write(string.format("requests %d, errors %d, non-200 %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout, non200))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
