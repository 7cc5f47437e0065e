-- wrk script: posts the newsletter form with a fresh address each time, reusing the hidden fields and cookie
-- captured by run.sh (FORM_BODY, COOKIE). RUN names the wrk run, so that a measurement does not post again the
-- addresses of the warm-up before it (each run's counter starts at 0).
local counter = 0
local run = os.getenv("RUN") or ""
local body = os.getenv("FORM_BODY") or ""
local cookie = os.getenv("COOKIE") or ""
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local email = "load" .. run .. "t" .. tostring(tid) .. "x" .. tostring(counter) .. "%40example.com"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }
  return wrk.format("POST", "/optin/forms/newsletter", headers, body .. "&email=" .. email .. "&consent.newsletter=true")
end
