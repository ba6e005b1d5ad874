-- One pass over every golden customer: the wrk threads share the ids (thread k reads ids k, k + threads, …), each
-- id is read once, then the thread stops and prints "pass done". On a hub that has not read them yet, every request
-- renders its customer. wrk itself runs for its -d whatever its threads do: send it SIGINT once every thread printed
-- "pass done", and it reports the pass (io.crmhub.bench.PartnerApiBenchmark does).
--   wrk -t2 -c5000 -d600s --latency -s partner-get-each.lua http://127.0.0.1:8080/ -- <ids file> <API key> <threads>
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

local ids = {}
local headers
local next_index
local step
local mine = 0      -- ids this thread reads
local reserved = 0  -- requests promised by delay(), one per id
local answered = 0

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  headers = { ["X-API-Key"] = args[2] }
  step = tonumber(args[3])
  next_index = thread_no
  for i = thread_no, #ids, step do
    mine = mine + 1
  end
end

-- wrk asks delay() before every request of a connection: at once while this thread has ids left to read, else
-- the connection idles until the thread stops
function delay()
  if reserved < mine then
    reserved = reserved + 1
    return 0
  end
  return 60000
end

function request()
  local id = ids[next_index]
  if id == nil then
    id = ids[thread_no] -- only after a minute of idling: the pass is over by then
  else
    next_index = next_index + step
  end
  return wrk.format("GET", "/api/v1/customers/" .. id, headers)
end

function response(status, headers, body)
  answered = answered + 1
  if answered == mine then
    io.write("pass done: thread " .. thread_no .. ", " .. mine .. " customers\n")
    io.flush()
    wrk.thread:stop()
  end
end
