// The minimal app's first IPC call, made as soon as the page runs (as the real app's pages do on mount).
window.__TAURI_INTERNALS__.invoke('ready').then((n) => {
  document.getElementById('status').textContent = 'ready ' + n
})
