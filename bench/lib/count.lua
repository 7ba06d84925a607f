-- wrk script for Standby's benchmark: keep-alive GET / on every connection, an optional pause between a
-- connection's requests (BENCH_DELAY_MS, so the load leaves CPU to the release being measured and connections sit
-- idle between requests as real clients' do), and a tally of answers by status, printed as one JSON line at the end
-- (wrk's own counters: connect/read/write/timeout errors and non-2xx/3xx answers, with its latency percentiles).
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
end

if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end

-- Tallying makes wrk parse every answer's headers; a throughput comparison turns it off (BENCH_TALLY=0).
if os.getenv("BENCH_TALLY") ~= "0" then
   function response(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
   end
end

function done(summary, latency, requests)
   local merged = {}
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses")) do
         merged[status] = (merged[status] or 0) + n
      end
   end
   local parts = {}
   for status, n in pairs(merged) do
      table.insert(parts, string.format('"%d": %d', status, n))
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d, ' ..
      '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      table.concat(parts, ", ")))
end
