-- wrk script for the client-search benchmark: POSTs the list server fn with a rotating set
-- of what officers type (partial names, one typo, a NIK prefix); prints what
-- bench/report.lua prints.
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

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
