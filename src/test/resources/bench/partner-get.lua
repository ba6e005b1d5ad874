-- Closed loop: every connection GETs a random golden customer as soon as its previous answer is in.
--   wrk -t2 -c5000 -d30s --latency -s partner-get.lua http://127.0.0.1:8080/ -- <ids file> <API key>
-- (io.crmhub.bench.PartnerApiBenchmark writes the ids file: one golden id a line.)
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

local ids = {}
local headers

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  headers = { ["X-API-Key"] = args[2] }
  math.randomseed(os.time() + 7919 * thread_no)
end

function request()
  return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)], headers)
end
