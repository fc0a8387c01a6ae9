-- Shared by the wrk scenarios. Each thread stops sending at a deadline a few seconds before wrk
-- itself stops, so no request is left in flight when wrk hangs up: every request the server
-- handled is counted here, and the rows in the database can be compared with the answers.
-- An optional pace (requests per second per thread) turns wrk into an open-loop load generator.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")
local CLOCK_REALTIME, CLOCK_MONOTONIC = 0, 1
local NEVER = 3600 * 1000

function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- The wall clock, in whole milliseconds since 1970: comparable with the time another process
-- (the bench's SMTP receiver) records, unlike the monotonic clock.
function wall_ms()
  ffi.C.clock_gettime(CLOCK_REALTIME, timespec)
  return tonumber(timespec.tv_sec) * 1000 + math.floor(tonumber(timespec.tv_nsec) / 1e6)
end

-- Main state: one entry per thread, for done().
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Thread state.
ok, client_errors, server_errors = 0, 0, 0
scheduled, sent = 0, 0
first, last = 0, 0
budget = math.huge

function start_clock(active_seconds, per_second)
  first = now_ms()
  last = first
  stop_at = first + active_seconds * 1000
  interval = per_second > 0 and 1000 / per_second or 0
  next_slot = first
end

-- wrk asks before each request how long to wait; past the deadline or the budget, forever.
function delay()
  local now = now_ms()
  if now >= stop_at or scheduled >= budget then
    return NEVER
  end
  local wait = 0
  if interval > 0 then
    local slot = next_slot
    next_slot = next_slot + interval
    if slot >= stop_at then
      return NEVER
    end
    wait = math.max(0, slot - now)
  end
  scheduled = scheduled + 1
  return wait
end

-- wrk calls request() once more than delay() allows, to check the script; that call sends nothing.
function take_turn()
  if sent < scheduled then
    sent = sent + 1
    return sent
  end
  return nil
end

function response(status, headers, body)
  if status < 400 then
    ok = ok + 1
  elseif status < 500 then
    client_errors = client_errors + 1
  else
    server_errors = server_errors + 1
  end
  last = now_ms()
end

function done(summary, latency, requests)
  local totals = { ok = 0, client_errors = 0, server_errors = 0, sent = 0 }
  local started, ended = math.huge, 0
  for _, thread in ipairs(threads) do
    for name in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
    started = math.min(started, thread:get("first"))
    ended = math.max(ended, thread:get("last"))
  end
  io.write(string.format("bench ok=%d client_errors=%d server_errors=%d sent=%d seconds=%.3f\n",
    totals.ok, totals.client_errors, totals.server_errors, totals.sent, (ended - started) / 1000))
end
