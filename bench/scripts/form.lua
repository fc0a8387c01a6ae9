-- The bare form POST: the same body as a signature, static so that wrk sends it at full speed.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.body = "FirstName=Bench&LastName=Signer&Email=bare%40bench.example&Institution=Universit%C3%A9+de+Test"
  .. "&ShowPublicly=true&ConsentToProcessing=true"
