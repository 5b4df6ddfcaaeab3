-- wrk script for the GET benchmarks: the session cookie from the environment (PAMONG_COOKIE);
-- prints what bench/report.lua prints.
wrk.headers["Cookie"] = os.getenv("PAMONG_COOKIE")
wrk.headers["Accept"] = "text/html"

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
