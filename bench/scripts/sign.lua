-- Signature POSTs, each with an address never used before: <prefix>-<thread>-<n>-t<ms>@benchN.example,
-- and <prefix>-<thread>-<n> as last name, by which the rows are counted. <ms> is the wall-clock time
-- the POST was built, so that the time from signing to the email's arrival can be read at the receiver.
-- Arguments: prefix, active seconds, requests per second for the whole run (0: as fast as it goes),
-- threads, the file of solved proofs of work ("challenge nonce" per line), the first line to use,
-- and optionally the most POSTs for the whole run (0: no limit) and one domain for every address.
-- Each request comes from another client network (X-Forwarded-For, the app trusting 127.0.0.1 as
-- its proxy) and another email domain, as at a viral peak; each proof is used once.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "common.lua")

function init(args)
  prefix = args[1]
  local rate = tonumber(args[3])
  threads = tonumber(args[4])
  start_clock(tonumber(args[2]), rate / threads)
  local total = tonumber(args[7] or "0")
  if total > 0 then
    budget = math.ceil(total / threads)
  end
  domain = args[8] ~= "" and args[8] or nil
  proofs = {}
  local offset = tonumber(args[6])
  local line_number = 0
  for line in io.lines(args[5]) do
    -- This thread's share: every threads-th line from the offset.
    if line_number >= offset and (line_number - offset) % threads == id then
      local challenge, nonce = line:match("^(%S+) (%S+)$")
      table.insert(proofs, { challenge, nonce })
    end
    line_number = line_number + 1
  end
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    -- Cross-site posts are refused; a browser posting the form from the page says this.
    ["Sec-Fetch-Site"] = "same-origin",
  }
end

function request()
  local n = take_turn() or 0
  -- Past the end of the pool proofs are reused: such signatures are held, and the run reports it.
  local proof = #proofs > 0 and proofs[(n % #proofs) + 1] or { "", "" }
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", n % 250, math.floor(n / 250) % 250, id + 1)
  local at = domain or string.format("bench%d.example", n % 1000)
  local body = string.format(
    "FirstName=Bench&LastName=%s-%d-%d&Email=%s-%d-%d-t%d%%40%s&Institution=Universit%%C3%%A9+de+Test"
      .. "&ShowPublicly=true&ConsentToProcessing=true&ProofChallenge=%s&ProofNonce=%s",
    prefix, id, n, prefix, id, n, wall_ms(), at, proof[1], proof[2])
  return wrk.format("POST", nil, headers, body)
end
