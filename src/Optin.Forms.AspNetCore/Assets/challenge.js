// Optin.Forms anti-robot check (Abuse:Challenge): solves the form's ALTCHA-compatible proof-of-work challenge with the
// browser's own SHA-256 (Web Crypto), then puts the solution in the form. Nothing is asked of the person, nothing is
// fetched from anywhere and no cookie is set. Web Crypto needs a secure context (https, or http on localhost/127.0.0.1).
(function () {
  "use strict";
  var BATCH = 50;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = "";
    for (var i = 0; i < bytes.length; i++) {
      out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return out;
  }

  // Tries 0, 1, 2… up to maxnumber, a batch of digests at a time; resolves with the number, or null.
  function solve(challenge) {
    var encoder = new TextEncoder();
    var max = challenge.maxnumber;
    function batch(start) {
      if (start > max) {
        return Promise.resolve(null);
      }
      var digests = [];
      for (var n = start; n < start + BATCH && n <= max; n++) {
        digests.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n)));
      }
      return Promise.all(digests).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) {
          if (hex(hashes[i]) === challenge.challenge) {
            return start + i;
          }
        }
        return batch(start + BATCH);
      });
    }
    return batch(0);
  }

  function start(box) {
    var form = box.closest("form");
    var field = box.querySelector("input[name='__optin_altcha']");
    var status = box.querySelector("[role='status']");
    if (!form || !field || !status) {
      return;
    }
    var say = function (key) { status.textContent = status.getAttribute(key); };
    if (!window.crypto || !window.crypto.subtle || !window.TextEncoder) {
      say("data-unsupported");
      return;
    }
    var challenge = JSON.parse(box.getAttribute("data-optin-challenge"));
    var began = Date.now();
    say("data-working");
    var solved = solve(challenge).then(function (number) {
      if (number === null) {
        say("data-unsupported");
        return false;
      }
      field.value = btoa(JSON.stringify({
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number: number,
        salt: challenge.salt,
        signature: challenge.signature,
        took: Date.now() - began
      }));
      say("data-done");
      return true;
    }, function () {
      say("data-unsupported");
      return false;
    });

    // A solution is good for one post: a second click while the first post is on its way sends nothing.
    var sent = false;
    form.addEventListener("submit", function (event) {
      // A multi-step form's "back" button needs no solution: the server checks it on the last post only.
      if (event.submitter && event.submitter.name === "__optin_step_back") {
        return;
      }
      if (sent) {
        event.preventDefault();
        return;
      }
      if (field.value) {
        sent = true;
        return;
      }
      event.preventDefault();
      say("data-working");
      solved.then(function (ok) {
        if (ok && !sent) {
          sent = true;
          form.submit();
        }
      });
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        sent = false;
      }
    });
  }

  var boxes = document.querySelectorAll("[data-optin-challenge]");
  for (var i = 0; i < boxes.length; i++) {
    start(boxes[i]);
  }
})();
