-- One small non-streaming chat request, the same for every target.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.body = '{"model":"bench","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'
