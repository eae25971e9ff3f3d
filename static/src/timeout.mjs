// GOV.UK timeout warning: two minutes before the idle limit, offer to stay signed in.
// If time runs out, whatever the user typed on the page is kept in this tab's sessionStorage and
// put back after they sign in again, so nothing they wrote is lost.

const KEPT_PREFIX = "kept-text:";

function keptKey(path) {
  return KEPT_PREFIX + path;
}

function keepTypedText() {
  const forms = Array.from(document.querySelectorAll("main form[method='post' i]"));
  const values = {};
  for (const form of forms) {
    for (const field of form.elements) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.type === "password" ||
          field.type === "hidden" || field.type === "submit" || field.type === "file") {
        continue;
      }
      if ((field.type === "checkbox" || field.type === "radio")) {
        if (field.checked) values[field.name + "=" + field.value] = true;
      } else if (field.value) {
        values[field.name] = field.value;
      }
    }
  }
  if (Object.keys(values).length) {
    window.sessionStorage.setItem(keptKey(window.location.pathname), JSON.stringify(values));
  }
}

export function restoreKeptText() {
  const key = keptKey(window.location.pathname);
  const raw = window.sessionStorage.getItem(key);
  if (!raw) return;
  window.sessionStorage.removeItem(key);
  const values = JSON.parse(raw);
  let restored = 0;
  for (const form of document.querySelectorAll("main form[method='post' i]")) {
    for (const field of form.elements) {
      if (!field.name) continue;
      if (field.type === "checkbox" || field.type === "radio") {
        if (values[field.name + "=" + field.value]) { field.checked = true; restored++; }
      } else if (field.name in values && !field.value) {
        field.value = values[field.name];
        restored++;
      }
    }
  }
  if (restored) {
    const main = document.querySelector("main");
    const banner = document.createElement("div");
    banner.className = "govuk-inset-text";
    banner.textContent = "We kept what you had typed before you were signed out. Check it and save.";
    main.prepend(banner);
  }
}

function minutesAndSeconds(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const parts = [];
  if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
  if (s || !m) parts.push(s + (s === 1 ? " second" : " seconds"));
  return parts.join(" ");
}

export function startSessionTimeout() {
  const body = document.body;
  const idle = Number(body.dataset.sessionIdleSeconds);
  const warning = Number(body.dataset.sessionWarningSeconds);
  const dialog = document.getElementById("timeout-dialog");
  if (!idle || !dialog) return;

  const countdown = dialog.querySelector("[data-timeout-countdown]");
  let warnTimer, endTimer, tick;

  function signOutNow() {
    keepTypedText();
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.href = body.dataset.signInUrl + "?timed_out=idle&next=" + next;
  }

  function warn() {
    let left = warning;
    countdown.textContent = minutesAndSeconds(left);
    if (!dialog.open) dialog.showModal();
    tick = window.setInterval(() => {
      left -= 1;
      // Announce the countdown only every 15 seconds, so screen readers are not flooded.
      if (left % 15 === 0 || left <= 0) countdown.textContent = minutesAndSeconds(Math.max(left, 0));
    }, 1000);
  }

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    window.clearInterval(tick);
    warnTimer = window.setTimeout(warn, (idle - warning) * 1000);
    endTimer = window.setTimeout(signOutNow, idle * 1000);
  }

  dialog.querySelector("[data-timeout-stay]").addEventListener("click", async () => {
    const csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    const response = await fetch(body.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
      credentials: "same-origin",
    });
    dialog.close();
    if (response.ok && !response.redirected) {
      restart();
    } else {
      signOutNow();
    }
  });
  dialog.querySelector("[data-timeout-leave]").addEventListener("click", () => keepTypedText());
  dialog.addEventListener("cancel", (event) => event.preventDefault());

  restart();
}
