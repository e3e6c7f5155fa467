-- wrk script of bench/search.sh: requests the paths of the file given after `--` in turn
-- (one per line, starting over at the end) and counts the answers that came from the backend's cache
-- (X-OV-Cache: HIT), printed as "cache hits: N" at the end.
local paths = {}
local next_path = 1
hits = 0  -- a global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if headers["X-OV-Cache"] == "HIT" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("hits")
  end
  io.write("cache hits: " .. total .. "\n")
end
