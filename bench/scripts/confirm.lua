-- Opens each confirmation link once. Arguments: file of link paths (one a line), active seconds, threads.
-- Thread i takes lines i, i + threads, i + 2 * threads...
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

function init(args)
  local threads = tonumber(args[3])
  links = {}
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % threads == id then
      table.insert(links, line)
    end
    line_number = line_number + 1
  end
  budget = #links
  start_clock(tonumber(args[2]), 0)
end

function request()
  local n = take_turn() or 1
  return wrk.format("GET", links[n] or "/")
end
