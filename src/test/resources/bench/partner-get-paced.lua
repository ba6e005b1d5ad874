-- Open loop: every connection stays open, and each wrk thread sends at a fixed rate whatever the answers take.
--   wrk -t2 -c5000 -d30s --latency -s partner-get-paced.lua http://127.0.0.1:8080/ -- <ids file> <API key> <req/s per thread>
-- A connection asks delay() for the next free send slot of its thread: slots are 1000 / rate ms apart, so the
-- thread offers exactly its rate as long as some connection is free (5,000 connections at 2,000 requests/s: each
-- sends about every 2.5 s). Latency is counted from the send, at the slot's time: there is no waiting for an
-- answer before a request is due, so nothing is omitted while answers are faster than 2.5 s. Were every
-- connection busy, the slot would move to now (no catch-up burst) and wrk's requests/s would show the lower rate.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } crmhub_timespec;
  int clock_gettime(int clk_id, crmhub_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("crmhub_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1000000
end

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_no", counter)
end

local ids = {}
local headers
local interval
local slot

function init(args)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  headers = { ["X-API-Key"] = args[2] }
  interval = 1000 / tonumber(args[3])
  math.randomseed(os.time() + 7919 * thread_no)
  slot = now_ms()
end

function delay()
  local t = now_ms()
  slot = slot + interval
  if slot < t then
    slot = t
  end
  return math.floor(slot - t)
end

function request()
  return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)], headers)
end
