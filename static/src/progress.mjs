// A page following a file a worker is preparing (the board pack's PDF, the DfE's 903 return):
// every 2 seconds, ask how far it has got, move the progress bar, say so in the status line (read
// out by screen readers as it changes), and show what is ready when it is. Without JavaScript the
// page has a Refresh link instead.
//
// The page marks the part to follow with data-progress and data-status-url (the JSON of
// careleavers.prepared.prepared_status), and inside it: a <progress>, [data-status], [data-refresh],
// [data-ready] (shown once ready; a link in it marked data-download-link takes the download
// address) and [data-try-again] (shown once failed or stuck).

const EVERY_MS = 2000;

export function followProgress(root) {
  const url = root.dataset.statusUrl;
  const bar = root.querySelector("progress");
  const status = root.querySelector("[data-status]");
  const refresh = root.querySelector("[data-refresh]");
  const ready = root.querySelector("[data-ready]");
  const tryAgain = root.querySelector("[data-try-again]");

  function show(state) {
    bar.value = state.progress;
    bar.textContent = `${state.progress}%`;
    if (status.textContent.trim() !== state.status_text) {
      status.textContent = state.status_text;
    }
    if (state.state === "done" && ready) {
      const link = ready.querySelector("a[data-download-link]");
      if (link && state.download_url) link.href = state.download_url;
      ready.hidden = false;
    }
    if ((state.stuck || state.state === "failed") && tryAgain) {
      tryAgain.hidden = false;
    }
    if (state.finished) {
      refresh.hidden = true;
    }
  }

  async function ask() {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const state = await response.json();
      show(state);
      if (state.finished) return;
    } catch {
      // Signed out or the server is busy: keep the Refresh link and try again a little later.
    }
    window.setTimeout(ask, EVERY_MS);
  }

  if (refresh.hidden) return; // already finished when the page was made
  window.setTimeout(ask, EVERY_MS);
}

for (const root of document.querySelectorAll("[data-progress]")) followProgress(root);
