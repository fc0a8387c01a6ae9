-- Signature POSTs, each with an address never used before: <prefix>-<thread>-<n>@bench.example,
-- and the same <prefix>-<thread>-<n> as last name, by which the rows are counted.
-- Arguments: prefix, active seconds, requests per second for the whole run (0: as fast as it goes), threads.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

function init(args)
  prefix = args[1]
  local rate, threads = tonumber(args[3]), tonumber(args[4])
  start_clock(tonumber(args[2]), rate / threads)
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    -- Cross-site posts are refused; a browser posting the form from the page says this.
    ["Sec-Fetch-Site"] = "same-origin",
  }
end

function request()
  local n = take_turn() or 0
  local body = string.format(
    "FirstName=Bench&LastName=%s-%d-%d&Email=%s-%d-%d%%40bench.example&Institution=Universit%%C3%%A9+de+Test"
      .. "&ShowPublicly=true&ConsentToProcessing=true",
    prefix, id, n, prefix, id, n)
  return wrk.format("POST", nil, headers, body)
end
