// The board pack's progress page: every 2 seconds, ask how far the PDF has got, move the progress
// bar, say so in the status line (read out by screen readers as it changes), and show the
// download button when it is ready. Without JavaScript the page has a Refresh link instead.

const EVERY_MS = 2000;

export function followBoardPack(root) {
  const url = root.dataset.statusUrl;
  const bar = root.querySelector("progress");
  const status = root.querySelector("[data-status]");
  const refresh = root.querySelector("[data-refresh]");
  const download = root.querySelector("[data-download]");
  const tryAgain = root.querySelector("[data-try-again]");

  function show(state) {
    bar.value = state.progress;
    bar.textContent = `${state.progress}%`;
    if (status.textContent.trim() !== state.status_text) {
      status.textContent = state.status_text;
    }
    if (state.download_url) {
      download.querySelector("a").href = state.download_url;
      download.hidden = false;
    }
    if (state.stuck || state.state === "failed") {
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

const root = document.querySelector("[data-board-pack-progress]");
if (root) followBoardPack(root);
