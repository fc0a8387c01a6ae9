// Ralliement's proof of work for the signing form (see ProofOfWork/Challenge.cs for the rule).
// The same file runs on the page and, loaded again, as its Web Worker, so it is one request and one
// versioned address. It never stops anyone signing: on any failure the form is sent without a proof.
(function () {
  "use strict";

  function leadingZeroBits(bytes) {
    let bits = 0;
    for (const byte of bytes) {
      if (byte !== 0) {
        return bits + Math.clz32(byte) - 24;
      }
      bits += 8;
    }
    return bits;
  }

  // SHA-256 of the challenge followed by the nonce in decimal, until enough leading bits are zero.
  // Hashes are asked for in batches: Web Crypto answers asynchronously, one at a time would wait more than hash.
  async function solve(challenge, difficulty) {
    const encoder = new TextEncoder();
    const batch = 256;
    for (let start = 0; start < 2 ** 40; start += batch) {
      const hashes = [];
      for (let nonce = start; nonce < start + batch; nonce++) {
        hashes.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + nonce)));
      }
      const results = await Promise.all(hashes);
      for (let i = 0; i < batch; i++) {
        if (leadingZeroBits(new Uint8Array(results[i])) >= difficulty) {
          return String(start + i);
        }
      }
    }
    throw new Error("no solution");
  }

  if (typeof document === "undefined") {
    self.onmessage = function (event) {
      solve(event.data.challenge, event.data.difficulty).then(
        function (nonce) { self.postMessage({ nonce: nonce }); },
        function () { self.postMessage({ nonce: null }); });
    };
    return;
  }

  const form = document.querySelector("form[data-proof-of-work]");
  const script = document.currentScript;
  if (!form || !script || !window.Worker || !window.crypto || !crypto.subtle || !window.fetch) {
    return;
  }
  const challengeInput = form.elements.namedItem("ProofChallenge");
  const nonceInput = form.elements.namedItem("ProofNonce");
  const status = form.querySelector(".proof-status");
  // A proof should take a second or two; past this after the click, the form goes without one.
  const patienceMs = 30000;
  let done = false;
  let waiting = false;

  function finish() {
    if (done) {
      return;
    }
    done = true;
    if (waiting) {
      form.submit();
    }
  }

  function giveUp() {
    challengeInput.value = "";
    nonceInput.value = "";
    finish();
  }

  form.addEventListener("submit", function (event) {
    if (done) {
      return;
    }
    event.preventDefault();
    if (!waiting) {
      waiting = true;
      if (status) {
        status.textContent = status.dataset.waiting || "";
      }
      setTimeout(giveUp, patienceMs);
    }
  });

  const address = "/api/proof-of-work?campaign=" + encodeURIComponent(form.dataset.proofOfWork);
  fetch(address, { cache: "no-store", credentials: "omit" })
    .then(function (response) {
      return response.ok ? response.json() : Promise.reject(new Error(String(response.status)));
    })
    .then(function (issued) {
      return new Promise(function (resolve, reject) {
        const worker = new Worker(script.src);
        worker.onmessage = function (event) {
          worker.terminate();
          if (event.data && event.data.nonce) {
            resolve({ challenge: issued.challenge, nonce: event.data.nonce });
          } else {
            reject(new Error("unsolved"));
          }
        };
        worker.onerror = function () {
          worker.terminate();
          reject(new Error("worker"));
        };
        worker.postMessage({ challenge: issued.challenge, difficulty: issued.difficulty });
      });
    })
    .then(function (proof) {
      if (!done) {
        challengeInput.value = proof.challenge;
        nonceInput.value = proof.nonce;
      }
      finish();
    }, giveUp);
})();
