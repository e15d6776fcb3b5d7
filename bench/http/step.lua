-- wrk: POST a step to the benchmark's cases in turn. record_fact may repeat, so every request is a
-- real, validated, durable append. Environment: TOKEN, CASES (how many US-NAO-2001-NNNN cases).
local token = os.getenv("TOKEN")
local cases = tonumber(os.getenv("CASES"))
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local n = ((counter * 2 + thread_id) % cases) + 1
  local path = string.format("/api/cases/US-NAO-2001-%04d/steps", n)
  local body = '{"event":"record_fact","on":"2001-02-05","details":{"fact":"trade_related","value":"yes"}}'
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

-- Tally the answers by status, so that refusals or errors cannot pass for throughput.
statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 and not first_error then first_error = body end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
    local e = t:get("first_error")
    if e then io.write("first error: ", e, "\n") end
  end
  for status, n in pairs(total) do io.write(string.format("status %d: %d\n", status, n)) end
end
