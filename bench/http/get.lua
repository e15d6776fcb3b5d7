-- wrk: GET the benchmark's cases in turn (CASES of them, US-NAO-2001-NNNN).
local cases = tonumber(os.getenv("CASES"))
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("GET", string.format("/api/cases/US-NAO-2001-%04d", (counter % cases) + 1))
end
