-- wrk script for the client-search benchmark: POSTs the list server fn with a rotating set
-- of what officers type (partial names, one typo, a NIK prefix) and prints p50/p95/p99.
-- The session cookie comes from the environment (PAMONG_COOKIE), set by bench/search.sh.
local queries = {
  "santo", "nurhal", "wijaya", "siti rah", "hidayat", "kusuma", "budi santsoo",
  "dewi lestar", "agus", "harahap", "sitompul", "rahmat", "putri", "3173", "pratma",
}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("PAMONG_COOKIE")

request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  local body = string.format(
    '{"filter":{"list":{"q":"%s","page":1,"per_page":0,"include_inactive":false},"band":null,"status":null,"legal_basis":null,"pk":null}}',
    q)
  return wrk.format(nil, "/api/clients/list", nil, body)
end

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
