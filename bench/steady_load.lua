-- A steady light load for bench/search.py --background-load: one connection, BENCH_RATE requests
-- a second on a fixed schedule, each for a random page (1 to BENCH_PAGES) of the listing at
-- BENCH_PATH. wrk_report.lua prints the figures the benchmark reads.
dofile("wrk_report.lua")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]
local clock = ffi.new("timeval")

local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

local path = os.getenv("BENCH_PATH")
local pages = tonumber(os.getenv("BENCH_PAGES"))
local interval_ms = 1000 / tonumber(os.getenv("BENCH_RATE"))
local next_at = nil

math.randomseed(2026)

request = function()
  return wrk.format("GET", path .. "?page=" .. math.random(1, pages))
end

-- The wait until the next slot of the schedule: a slow answer shortens the next wait, so the rate
-- holds while answers take less than the interval.
delay = function()
  local now = now_ms()
  next_at = (next_at or now) + interval_ms
  return math.max(0, math.floor(next_at - now))
end
